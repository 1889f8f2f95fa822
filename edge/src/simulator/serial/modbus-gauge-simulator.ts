import type { SerialPort } from 'serialport';
import { encodeRegister, registerBlock, type TankValues } from '../../bridge/drivers/modbus/register-map';
import { registerWidth, type ModbusModel } from '../../bridge/config/site-config.schema';
import { closeSerialPort, openSerialPort, type SerialBinding, type SerialSettings } from '../../serial/open-serial-port';
import { waitForWire, wireMillis } from './line-timing';
import { modbusCrc, withCrc } from './modbus-crc';

export interface ModbusGaugeSimulatorOptions {
  line: SerialSettings;
  binding?: SerialBinding;
  model: ModbusModel;
  /** Unit id → what the gauge at that address measures. Other addresses stay silent, as on a real bus. */
  gauges: Record<number, TankValues>;
  /** Answer only after the exchange would have crossed a real line at its baud rate (for throughput figures). */
  paceToBaudRate?: boolean;
}

const readFunction = { holding: 3, input: 4 } as const;

/**
 * A Modbus RTU slave playing tank gauges on a serial line: answers "read holding/input registers"
 * with the model's register map filled from `gauges`, with exceptions for what it does not serve.
 */
export class ModbusGaugeSimulator {
  private received = Buffer.alloc(0);
  private corruptions = 0;
  private queue = Promise.resolve();
  /** Requests answered, for tests and the demo's log. */
  answered = 0;

  private constructor(
    private readonly port: SerialPort,
    private readonly options: ModbusGaugeSimulatorOptions,
  ) {
    port.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.takeRequests();
    });
  }

  static async start(options: ModbusGaugeSimulatorOptions): Promise<ModbusGaugeSimulator> {
    return new ModbusGaugeSimulator(await openSerialPort(options.line, options.binding), options);
  }

  setValues(unitId: number, values: TankValues): void {
    this.options.gauges[unitId] = { ...this.options.gauges[unitId], ...values };
  }

  /** The next `count` answers go out with a broken CRC, as line noise would leave them. */
  corruptNextAnswers(count = 1): void {
    this.corruptions += count;
  }

  async stop(): Promise<void> {
    await this.queue;
    await closeSerialPort(this.port);
  }

  /** Read requests are always 8 bytes (unit, function, address, count, CRC); resynchronise byte by byte on noise. */
  private takeRequests(): void {
    while (this.received.length >= 8) {
      const request = this.received.subarray(0, 8);
      if (modbusCrc(request.subarray(0, 6)) !== request.readUInt16LE(6)) {
        this.received = this.received.subarray(1);
        continue;
      }
      this.received = this.received.subarray(8);
      const answer = this.answer(request);
      if (!answer) continue;
      // One answer at a time, in order, each after its wire time when pacing.
      this.queue = this.queue.then(async () => {
        // RTU frames are separated by 3.5 character times of silence: one after the request, one before the next.
        if (this.options.paceToBaudRate) await waitForWire(this.options.line, request.length, answer.length, wireMillis(7, this.options.line));
        this.port.write(answer);
      });
    }
  }

  private answer(request: Buffer): Buffer | null {
    const unit = request[0]!;
    const fn = request[1]!;
    const values = this.options.gauges[unit];
    if (!values) return null;
    const exception = (code: number) => withCrc(Buffer.from([unit, fn | 0x80, code]));
    if (fn !== readFunction[this.options.model.registerKind]) return exception(0x01); // illegal function
    const start = request.readUInt16BE(2);
    const count = request.readUInt16BE(4);
    if (count < 1 || count > 125) return exception(0x03); // illegal data value
    const bank = this.registerBank(values);
    if (start < bank.start || start + count > bank.start + bank.words.length) return exception(0x02); // illegal data address
    const data = Buffer.alloc(count * 2);
    for (let i = 0; i < count; i++) data.writeUInt16BE(bank.words[start - bank.start + i]!, i * 2);
    const frame = withCrc(Buffer.concat([Buffer.from([unit, fn, data.length]), data]));
    if (this.corruptions > 0) {
      this.corruptions--;
      frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 0xff, frame.length - 1);
    }
    this.answered++;
    return frame;
  }

  private registerBank(values: TankValues): { start: number; words: number[] } {
    const { start, count } = registerBlock(this.options.model);
    const words = new Array<number>(count).fill(0);
    for (const [metric, spec] of Object.entries(this.options.model.registers)) {
      const value = values[metric as keyof TankValues];
      if (spec && value !== undefined) words.splice(spec.address - start, registerWidth(spec), ...encodeRegister(spec, value));
    }
    return { start, words };
  }
}
