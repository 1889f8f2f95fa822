import ModbusRTU from 'modbus-serial';
import type { SerialPortOptions } from 'modbus-serial/ModbusRTU';
import { portOptions } from '../../../serial/open-serial-port';
import type { ModbusDeviceConfig, ModbusModel } from '../../config/site-config.schema';
import { FieldReadError, type DeviceReader, type FieldDriver } from '../field-driver';
import { decodeRegisters, registerBlock } from './register-map';

/**
 * Modbus RTU over RS-485 (or RS-232) with modbus-serial: one master per line, one read of the
 * model's register block per device and poll.
 */
export function createModbusRtuDriver(models: Record<string, ModbusModel>): FieldDriver<ModbusDeviceConfig> {
  return {
    name: 'modbus-rtu',
    async openLine(line, devices) {
      const client = new ModbusRTU();
      try {
        // The buffered port cuts frames by the expected answer length rather than by a silence timer.
        await client.connectRTUBuffered(line.settings.path, portOptions(line.settings, line.binding) as SerialPortOptions);
      } catch (err) {
        throw new Error(`cannot open serial port ${line.settings.path}: ${(err as Error).message}`);
      }
      return {
        readers: devices.map((device) => modbusReader(client, device, models[device.model]!)),
        isOpen: () => client.isOpen,
        close: () => new Promise<void>((resolve) => client.close(() => resolve())),
      };
    },
  };
}

function modbusReader(client: ModbusRTU, device: ModbusDeviceConfig, model: ModbusModel): DeviceReader {
  const { start, count } = registerBlock(model);
  return {
    label: `modbus unit ${device.unitId}`,
    pollIntervalMs: device.pollIntervalMs,
    async read() {
      client.setID(device.unitId);
      client.setTimeout(device.responseTimeoutMs);
      try {
        const answer = model.registerKind === 'input' ? await client.readInputRegisters(start, count) : await client.readHoldingRegisters(start, count);
        const kind = model.registers.registerKwh ? { kind: 'meter' as const } : {};
        return [{ deviceId: device.deviceId, ...kind, values: decodeRegisters(model, answer.buffer, start) }];
      } catch (err) {
        throw classify(err, device);
      }
    },
  };
}

/** modbus-serial reports problems as messages; sort them into our reasons. */
function classify(err: unknown, device: ModbusDeviceConfig): FieldReadError {
  const e = err as { name?: string; message?: string; modbusCode?: number };
  const message = e.message ?? String(err);
  if (e.name === 'TransactionTimedOutError')
    return new FieldReadError('no-answer', 'timeout', `unit ${device.unitId}: no answer within ${device.responseTimeoutMs} ms`);
  if (e.modbusCode !== undefined) return new FieldReadError('no-answer', 'exception', `unit ${device.unitId}: ${message}`);
  if (message.startsWith('CRC error')) return new FieldReadError('rejected-frame', 'crc', `unit ${device.unitId}: answer failed its CRC`);
  if (message.startsWith('Data length error')) return new FieldReadError('rejected-frame', 'length', `unit ${device.unitId}: ${message}`);
  if (message.startsWith('Unexpected data error')) return new FieldReadError('rejected-frame', 'unexpected-answer', `unit ${device.unitId}: ${message}`);
  return new FieldReadError('no-answer', 'port', `unit ${device.unitId}: ${message}`);
}
