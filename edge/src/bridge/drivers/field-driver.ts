import type { Logger } from '@hearth/platform';
import type { ModbusMetric, SerialPortConfig } from '../config/site-config.schema';
import type { SerialBinding } from '../../serial/open-serial-port';

/** What one device reported for one tank (or a Modbus meter: `kind`), already in the contract's units. */
export interface TankReading {
  deviceId: string;
  /** Absent: a tank. */
  kind?: 'meter';
  values: Partial<Record<ModbusMetric, number>>;
}

/**
 * Why a read gave nothing. `rejected-frame`: an answer arrived but failed its checks (checksum, CRC,
 * field count…), counted as a corrupt frame by reason. `no-answer`: silence, a Modbus exception, a port gone.
 */
export type ReadFailureKind = 'rejected-frame' | 'no-answer';

export class FieldReadError extends Error {
  constructor(
    readonly kind: ReadFailureKind,
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'FieldReadError';
  }
}

/** One configured device on a line. The poller never calls `read` twice at once on one line. */
export interface DeviceReader {
  readonly label: string;
  readonly pollIntervalMs: number;
  read(): Promise<TankReading[]>;
  /** Optional: the poller hands over a function that has this reader read as soon as the line is free (a command waits). */
  setReadSoon?(readSoon: () => void): void;
}

/** A serial line opened for one protocol, with a reader per device on it. */
export interface OpenLine {
  readonly readers: DeviceReader[];
  isOpen(): boolean;
  close(): Promise<void>;
}

export interface LineContext {
  name: string;
  settings: SerialPortConfig;
  logger: Logger;
  /** Replaces the operating system's serial driver (tests, demos); unset in the field. */
  binding?: SerialBinding;
}

/** A protocol the bridge can speak: how to open a line for it and read its devices. */
export interface FieldDriver<Device> {
  readonly name: string;
  openLine(line: LineContext, devices: Device[]): Promise<OpenLine>;
}
