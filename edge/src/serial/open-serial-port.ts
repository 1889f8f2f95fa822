import { SerialPort } from 'serialport';

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/**
 * A serialport binding (the layer that talks to the OS). Left unset in the field; tests and demos pass
 * `@serialport/binding-mock` wrapped by `createMockNullModem`. Typed loosely: serialport's own option
 * type leaves `binding` out although its constructor honours it.
 */
export type SerialBinding = object;

type PortOptions = ConstructorParameters<typeof SerialPort>[0];

/** The SerialPort options for a line: the same for our own ports and for modbus-serial's. */
export const portOptions = (settings: SerialSettings, binding?: SerialBinding): PortOptions =>
  ({ ...settings, ...(binding ? { binding } : {}) }) as PortOptions;

/** Opens a serial line, failing with the path in the message (a missing USB adapter is the usual cause). */
export async function openSerialPort(settings: SerialSettings, binding?: SerialBinding): Promise<SerialPort> {
  const port = new SerialPort({ ...portOptions(settings, binding), autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((err) => (err ? reject(new Error(`cannot open serial port ${settings.path}: ${err.message}`)) : resolve())),
  );
  return port;
}

export async function closeSerialPort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}

/** 8 data bits, no parity, 1 stop bit: the usual setting of USB adapters, simulators and the demo. */
export const settings8N1 = (path: string, baudRate = 9600): SerialSettings => ({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1 });
