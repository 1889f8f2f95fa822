import { closeSerialPort, openSerialPort } from '../../../serial/open-serial-port';
import { SerialExchange } from '../../../serial/serial-exchange';
import type { PumpDeviceConfig } from '../../config/site-config.schema';
import type { DeviceReader, FieldDriver } from '../field-driver';
import { DartLink } from './dart-link';
import type { Forecourt } from './forecourt';

/**
 * Wayne DART pumps on an RS-485 (or current-loop, through its converter) line: the bridge is the
 * site controller, polling each pump address in turn. A "read" is one poll cycle of one pump; what a
 * pump reports goes out through its controller as pump telemetry and events, never as tank readings.
 */
export function createWayneDartDriver(forecourt: Forecourt): FieldDriver<PumpDeviceConfig> {
  return {
    name: 'wayne-dart',
    async openLine(line, devices) {
      const port = await openSerialPort(line.settings, line.binding);
      const exchange = new SerialExchange(port);
      const readers = devices.map((device): DeviceReader => {
        const link = new DartLink(port, exchange, device.address, device.responseTimeoutMs);
        const controller = forecourt.controller(device.deviceId);
        return {
          label: `pump ${device.address.toString(16).toUpperCase()}H`,
          pollIntervalMs: device.pollIntervalMs,
          async read() {
            await controller.cycle(link);
            return [];
          },
        };
      });
      return { readers, isOpen: () => port.isOpen, close: () => closeSerialPort(port) };
    },
  };
}
