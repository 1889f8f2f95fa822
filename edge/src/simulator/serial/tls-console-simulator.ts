import type { SerialPort } from 'serialport';
import type { TlsDeviceConfig } from '../../bridge/config/site-config.schema';
import { checksumTag, ETX, floatToHex, frameOf, SOH } from '../../bridge/drivers/veeder-root/tls-frame';
import { closeSerialPort, openSerialPort, type SerialBinding, type SerialSettings } from '../../serial/open-serial-port';
import { waitForWire } from './line-timing';

/** A tank as the simulated console measures it, in metric; it answers in its configured units. */
export interface SimulatedTlsTank {
  tank: number;
  productCode?: string;
  heightMm: number;
  waterMm: number;
  temperatureC: number;
  /** Volumes are placeholders (the bridge does not forward them); default from the height. */
  volumeL?: number;
}

export type TlsFault = 'checksum' | 'truncate' | 'field-count';

export interface TlsConsoleSimulatorOptions {
  line: SerialSettings;
  binding?: SerialBinding;
  units: TlsDeviceConfig['units'];
  tanks: SimulatedTlsTank[];
  paceToBaudRate?: boolean;
  /** How long the console takes to assemble an answer (real consoles: tens of milliseconds). */
  turnaroundMs?: number;
  now?: () => Date;
  /** The console measures its tanks when asked (a live gauge); without it, it answers `tanks` as set. */
  measure?: (now: Date) => SimulatedTlsTank[];
}

const command = /^\x01i201(\d\d)/;

/**
 * A Veeder-Root TLS-350 on RS-232 answering the in-tank inventory command `<SOH>i201TT` in computer
 * format, and `9999FF1B` to anything else, with faults to inject on demand.
 */
export class TlsConsoleSimulator {
  private received = '';
  private readonly faults: TlsFault[] = [];
  private queue = Promise.resolve();
  answered = 0;

  private constructor(
    private readonly port: SerialPort,
    private readonly options: TlsConsoleSimulatorOptions,
  ) {
    port.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.takeCommands();
    });
  }

  static async start(options: TlsConsoleSimulatorOptions): Promise<TlsConsoleSimulator> {
    return new TlsConsoleSimulator(await openSerialPort(options.line, options.binding), options);
  }

  setTank(tank: SimulatedTlsTank): void {
    const i = this.options.tanks.findIndex((t) => t.tank === tank.tank);
    if (i === -1) this.options.tanks.push(tank);
    else this.options.tanks[i] = tank;
  }

  /** The next answer is damaged this way (one fault per answer, in order). */
  injectFault(fault: TlsFault): void {
    this.faults.push(fault);
  }

  async stop(): Promise<void> {
    await this.queue;
    await closeSerialPort(this.port);
  }

  private takeCommands(): void {
    // Commands carry no terminator: a complete one is SOH and six characters (i201TT).
    for (let soh = this.received.indexOf(SOH); soh !== -1 && this.received.length - soh >= 7; soh = this.received.indexOf(SOH)) {
      const text = this.received.slice(soh, soh + 7);
      this.received = this.received.slice(soh + 7);
      const match = command.exec(text);
      const answer = match ? this.inventory(Number(match[1])) : `${SOH}9999FF1B${ETX}`;
      this.queue = this.queue.then(async () => {
        if (this.options.paceToBaudRate) await waitForWire(this.options.line, text.length, answer.length, this.options.turnaroundMs ?? 0);
        this.port.write(Buffer.from(answer, 'latin1'));
      });
    }
  }

  private inventory(asked: number): string {
    const now = this.options.now?.() ?? new Date();
    if (this.options.measure) for (const tank of this.options.measure(now)) this.setTank(tank);
    const tanks = this.options.tanks.filter((t) => asked === 0 || t.tank === asked);
    const fault = this.faults.shift();
    const records = tanks.map((t) => this.record(t, fault === 'field-count')).join('');
    const frame = frameOf(`i201${pad2(asked)}${consoleTime(now)}${records}`);
    this.answered++;
    switch (fault) {
      case 'checksum': {
        // One character changed after the checksum was computed: what line noise does.
        const at = frame.indexOf(checksumTag) - 1;
        return `${frame.slice(0, at)}${frame[at] === '0' ? '1' : '0'}${frame.slice(at + 1)}`;
      }
      case 'truncate':
        return frame.slice(0, Math.floor(frame.length / 2));
      case 'field-count':
      case undefined:
        return frame;
    }
  }

  /** TT p ssss NN then NN floats: volume, TC volume, ullage, height, water, temperature, water volume. */
  private record(t: SimulatedTlsTank, declareOneMore: boolean): string {
    const { units } = this.options;
    const length = (mm: number) => (units.length === 'in' ? mm / 25.4 : mm);
    const temperature = units.temperature === 'F' ? (t.temperatureC * 9) / 5 + 32 : t.temperatureC;
    const volume = t.volumeL ?? t.heightMm * 10;
    const fields = [volume, volume * 0.99, Math.max(0, 50_000 - volume), length(t.heightMm), length(t.waterMm), temperature, 0];
    return `${pad2(t.tank)}${t.productCode ?? '1'}0000${pad2hex(fields.length + (declareOneMore ? 1 : 0))}${fields.map(floatToHex).join('')}`;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad2hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
/** YYMMDDHHmm in the console's local time, as a TLS prints it. */
const consoleTime = (d: Date) => `${pad2(d.getFullYear() % 100)}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}${pad2(d.getHours())}${pad2(d.getMinutes())}`;
