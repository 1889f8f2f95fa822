import { closeSerialPort, openSerialPort } from '../../../serial/open-serial-port';
import { SerialExchange } from '../../../serial/serial-exchange';
import type { Dlt645DeviceConfig } from '../../config/site-config.schema';
import type { DeviceReader, FieldDriver } from '../field-driver';
import { Dlt645Link } from './dlt645-link';
import type { SiteMeters } from './site-meters';

/**
 * DL/T 645-2007 electricity meters on an RS-485 line (DL/T 645-2007, 多功能电能表通信协议): the bridge
 * is the master, asking each meter by its address in turn. A "read" is one poll of one meter; what it
 * reports goes out through its controller as meter telemetry and command acks, never as tank readings.
 */
export function createDlt645Driver(meters: SiteMeters): FieldDriver<Dlt645DeviceConfig> {
  return {
    name: 'dlt645',
    async openLine(line, devices) {
      const port = await openSerialPort(line.settings, line.binding);
      const exchange = new SerialExchange(port);
      const readers = devices.map((device): DeviceReader => {
        const link = new Dlt645Link(exchange, device.address, device.responseTimeoutMs);
        const controller = meters.controller(device.deviceId);
        return {
          label: `meter ${device.address}`,
          pollIntervalMs: device.pollIntervalMs,
          async read() {
            await controller.cycle(link);
            return [];
          },
          setReadSoon: (readSoon) => controller.setReadSoon(readSoon),
        };
      });
      return { readers, isOpen: () => port.isOpen, close: () => closeSerialPort(port) };
    },
  };
}
