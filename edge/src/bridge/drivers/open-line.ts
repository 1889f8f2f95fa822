import type { DeviceConfig, ModbusModel } from '../config/site-config.schema';
import type { LineContext, OpenLine } from './field-driver';
import { createModbusRtuDriver } from './modbus/modbus-rtu-driver';
import { veederRootTlsDriver } from './veeder-root/tls-driver';

/**
 * Opens a line with the driver its devices name (the configuration guarantees one driver per line).
 * A new protocol is a driver module, a device schema in site-config.schema.ts and a case here.
 */
export function openLine(line: LineContext, devices: DeviceConfig[], models: Record<string, ModbusModel>): Promise<OpenLine> {
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
  }
}
