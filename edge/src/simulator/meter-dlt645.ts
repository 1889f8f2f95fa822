import type { SerialPort } from 'serialport';
import { dataId, errorBits, fromBcd, relayOperation, statusWord3Bits, toBcd, diBytes } from '../bridge/drivers/dlt645/dlt645-data';
import { controlBits, decodeFrame, encodeFrame, frameEnd, functionCode, type Dlt645Frame } from '../bridge/drivers/dlt645/dlt645-frame';
import { clockIn } from '../bridge/drivers/dlt645/meter-command';
import { closeSerialPort, openSerialPort, type SerialBinding, type SerialSettings } from '../serial/open-serial-port';
import { waitForWire } from './serial/line-timing';
import { SimulatedMeter, type SimulatedMeterSpec } from './meter-state';

export interface Dlt645MeterSimulatorOptions {
  line: SerialSettings;
  binding?: SerialBinding;
  meters: SimulatedMeterSpec[];
  /** How often the meters draw their load (default 1 s). */
  tickMs?: number;
  /** Simulated seconds per real second for the load (default 1): a demo's day in minutes. */
  timeScale?: number;
  /** After 合闸允许 (1BH), the user presses the button after a delay drawn in this range, ms (default 2-6 s). */
  buttonPressMs?: [number, number];
  /** FE×4 before each answer, as many meters send it (default true). */
  preamble?: boolean;
  /** Answer in pieces a few ms apart, as a slow line delivers them (tests the bridge's reassembly). */
  answerInPieces?: boolean;
  /** Answer only after the exchange would have crossed a real line at its baud rate. */
  paceToBaudRate?: boolean;
  /** The meters' clock and its zone (for 1CH's deadline). */
  now?: () => Date;
  timeZone?: string;
  random?: () => number;
}

export type Dlt645Fault = 'checksum' | 'end' | 'length' | 'silence';

/**
 * DL/T 645-2007 meters on one RS-485 line (the slaves' side of bridge/drivers/dlt645): each answers
 * reads of its forward active energy, remaining money (if it keeps one) and status word 3 by its own
 * address, and relay control (1CH) with its password: 1AH trips, 1BH allows closing (the user presses
 * the button a little later), 1CH closes, 2AH sounds the alarm and 2BH (报警解除) stops it, 3AH/3BH protect (a protected meter refuses to
 * trip). A wrong password is refused (DCH, ERR 04H), as is a command past its deadline (ERR 01H).
 */
export class Dlt645MeterSimulator {
  readonly meters = new Map<string, SimulatedMeter>();
  private received = Buffer.alloc(0);
  private readonly faults = new Map<string, Dlt645Fault[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private queue = Promise.resolve();
  private readonly ticker: NodeJS.Timeout;
  /** Frames answered, by function code (11H reads, 1CH relay control), for tests and the demo's log. */
  readonly answered: Record<number, number> = {};

  private constructor(
    private readonly port: SerialPort,
    private readonly options: Dlt645MeterSimulatorOptions,
  ) {
    const random = options.random ?? Math.random;
    for (const spec of options.meters) this.meters.set(spec.address, new SimulatedMeter(spec, () => 0.9 + 0.2 * random()));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    let last = performance.now();
    let simulated = this.now().getTime();
    this.ticker = setInterval(() => {
      const elapsed = (performance.now() - last) * (options.timeScale ?? 1);
      last = performance.now();
      simulated += elapsed;
      for (const meter of this.meters.values()) meter.advance(elapsed, new Date(simulated));
    }, options.tickMs ?? 1_000);
  }

  static async start(options: Dlt645MeterSimulatorOptions): Promise<Dlt645MeterSimulator> {
    return new Dlt645MeterSimulator(await openSerialPort(options.line, options.binding), options);
  }

  meter(address: string): SimulatedMeter {
    const meter = this.meters.get(address);
    if (!meter) throw new Error(`no simulated meter ${address} on this line`);
    return meter;
  }

  /** The meter's next answer is spoiled as line noise would (or never sent). */
  injectFault(address: string, fault: Dlt645Fault): void {
    this.faults.set(address, [...(this.faults.get(address) ?? []), fault]);
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    await this.queue;
    await closeSerialPort(this.port);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private receive(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    for (let end = frameEnd(this.received); end !== undefined; end = frameEnd(this.received)) {
      const request = this.received.subarray(0, end);
      this.received = this.received.subarray(end);
      const decoded = decodeFrame(request);
      // A garbled request, a reply on the bus, another meter's address: a meter stays silent.
      if (!decoded.ok || decoded.frame.control & controlBits.reply) continue;
      const meter = this.meters.get(decoded.frame.address);
      if (!meter) continue;
      const answer = this.answer(meter, decoded.frame);
      this.answered[decoded.frame.control] = (this.answered[decoded.frame.control] ?? 0) + 1;
      this.send(meter.address, request.length, encodeFrame(answer, { preamble: this.options.preamble ?? true }));
    }
  }

  private answer(meter: SimulatedMeter, request: Dlt645Frame): Dlt645Frame {
    const reply = (control: number, data: Buffer = Buffer.alloc(0)): Dlt645Frame => ({ address: meter.address, control: controlBits.reply | control, data });
    const refuse = (fn: number, err: number) => reply(controlBits.abnormal | fn, Buffer.from([err]));
    switch (request.control) {
      case functionCode.read: {
        if (request.data.length < 4) return refuse(functionCode.read, errorBits.other);
        const di = request.data.readUInt32LE(0);
        const value = this.readData(meter, di);
        return value ? reply(functionCode.read, Buffer.concat([diBytes(di), value])) : refuse(functionCode.read, errorBits.noData);
      }
      case functionCode.relayControl:
        return this.relayControl(meter, request.data) ?? reply(functionCode.relayControl);
      default:
        return refuse(request.control & controlBits.function, errorBits.other);
    }
  }

  private readData(meter: SimulatedMeter, di: number): Buffer | undefined {
    if (di === dataId.forwardActiveEnergy) return toBcd(meter.registerHundredths, 4);
    if (di === dataId.remainingMoney && meter.remainingMoneyMinor !== undefined) return toBcd(Math.min(meter.remainingMoneyMinor, 99_999_999), 4);
    if (di !== dataId.statusWord3) return undefined;
    // Bits 8-9, the meter's type: 10 = a prepaid meter keeping money (电费型预付费表), 00 = not prepaid.
    const word =
      (meter.relayState === 'OPEN' ? statusWord3Bits.relayOpen : 0) |
      (meter.commandOpen ? statusWord3Bits.relayCommandOpen : 0) |
      (meter.remainingMoneyMinor !== undefined ? 0b10 << 8 : 0);
    const b = Buffer.alloc(2);
    b.writeUInt16LE(word);
    return b;
  }

  /** Carries out 1CH; undefined when done (9CH), else the refusal (DCH with ERR). */
  private relayControl(meter: SimulatedMeter, data: Buffer): Dlt645Frame | undefined {
    const refuse = (err: number): Dlt645Frame => ({
      address: meter.address,
      control: controlBits.reply | controlBits.abnormal | functionCode.relayControl,
      data: Buffer.from([err]),
    });
    if (data.length !== 16) return refuse(errorBits.other);
    const level = data[0]!;
    const code = Buffer.from(data.subarray(1, 4)).reverse().toString('hex');
    if (level !== meter.password.level || code !== meter.password.code.toLowerCase()) return refuse(errorBits.unauthorised);
    if (this.expired(data.subarray(10, 16))) return refuse(errorBits.other);
    const operation = data[8]!;
    switch (operation) {
      case relayOperation.trip:
        if (meter.protected) return refuse(errorBits.other);
        [meter.relay, meter.commandOpen] = ['OPEN', true];
        return undefined;
      case relayOperation.allowClose:
        meter.commandOpen = false;
        if (meter.relay === 'OPEN') {
          meter.relay = 'CLOSE_ALLOWED';
          this.later(() => meter.pressButton(), this.buttonDelay());
        }
        return undefined;
      case relayOperation.close:
        [meter.relay, meter.commandOpen] = ['CLOSED', false];
        return undefined;
      case relayOperation.alarm:
      case relayOperation.alarmRelease:
        meter.alarm = operation === relayOperation.alarm;
        return undefined;
      case relayOperation.protect:
      case relayOperation.protectRelease:
        meter.protected = operation === relayOperation.protect;
        return undefined;
      default:
        return refuse(errorBits.other);
    }
  }

  /** N3…N8 = ss mm hh DD MM YY on the meter's clock; a command past it is refused. */
  private expired(deadline: Buffer): boolean {
    const [ss, mm, hh, day, month, yy] = [...deadline].map((b) => fromBcd(Buffer.from([b])) ?? 0);
    const clock = clockIn(this.now(), this.options.timeZone ?? 'Asia/Shanghai');
    const key = (y: number, mo: number, d: number, h: number, mi: number, s: number) => ((((y * 100 + mo) * 100 + d) * 100 + h) * 100 + mi) * 100 + s;
    return key(yy!, month!, day!, hh!, mm!, ss!) < key(clock.year % 100, clock.month, clock.day, clock.hour, clock.minute, clock.second);
  }

  private buttonDelay(): number {
    const [min, max] = this.options.buttonPressMs ?? [2_000, 6_000];
    return min + (max - min) * (this.options.random ?? Math.random)();
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  /** One answer at a time, in order; spoiled or withheld if a fault waits for this meter. */
  private send(address: string, requestBytes: number, frame: Buffer): void {
    const fault = this.faults.get(address)?.shift();
    if (fault === 'silence') return;
    const bytes = Buffer.from(frame);
    const end = bytes.length - 1;
    if (fault === 'checksum') bytes[end - 1] = (bytes[end - 1]! + 1) & 0xff;
    if (fault === 'end') bytes[end] = 0x17;
    // L past the standard's 200 (C9H): the first 68H is the frame's, preamble or not (FEH is not 68H).
    if (fault === 'length') bytes[bytes.indexOf(0x68) + 9] = 0xc9;
    this.queue = this.queue.then(async () => {
      if (this.options.paceToBaudRate) await waitForWire(this.options.line, requestBytes, bytes.length, 20);
      if (!this.options.answerInPieces) return void this.port.write(bytes);
      for (const piece of [bytes.subarray(0, 3), bytes.subarray(3, 11), bytes.subarray(11)]) {
        this.port.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
  }
}
