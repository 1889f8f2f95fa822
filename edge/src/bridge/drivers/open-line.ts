import type { DeviceConfig, ModbusModel } from '../config/site-config.schema';
import { createDlt645Driver } from './dlt645/dlt645-driver';
import type { SiteMeters } from './dlt645/site-meters';
import type { LineContext, OpenLine } from './field-driver';
import { createModbusRtuDriver } from './modbus/modbus-rtu-driver';
import { veederRootTlsDriver } from './veeder-root/tls-driver';
import type { Forecourt } from './wayne-dart/forecourt';
import { createWayneDartDriver } from './wayne-dart/wayne-dart-driver';

/**
 * Opens a line with the driver its devices name (the configuration guarantees one driver per line).
 * A new protocol is a driver module, a device schema in site-config.schema.ts and a case here.
 */
export function openLine(
  line: LineContext,
  devices: DeviceConfig[],
  models: Record<string, ModbusModel>,
  forecourt?: Forecourt,
  meters?: SiteMeters,
): Promise<OpenLine> {
  const first = devices[0];
  if (!first) throw new Error(`port ${line.name} has no devices`);
  switch (first.driver) {
    case 'modbus-rtu':
      return createModbusRtuDriver(models).openLine(
        line,
        devices.filter((d) => d.driver === 'modbus-rtu'),
      );
    case 'veeder-root-tls':
      return veederRootTlsDriver.openLine(
        line,
        devices.filter((d) => d.driver === 'veeder-root-tls'),
      );
    case 'wayne-dart':
      if (!forecourt) throw new Error(`port ${line.name} has pumps but no forecourt to report them to`);
      return createWayneDartDriver(forecourt).openLine(
        line,
        devices.filter((d) => d.driver === 'wayne-dart'),
      );
    case 'dlt645':
      if (!meters) throw new Error(`port ${line.name} has meters but nothing to report them to`);
      return createDlt645Driver(meters).openLine(
        line,
        devices.filter((d) => d.driver === 'dlt645'),
      );
  }
}
