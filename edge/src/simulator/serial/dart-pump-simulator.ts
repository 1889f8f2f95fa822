import type { SerialPort } from 'serialport';
import { decodeFrame, encodeFrame, frameEnd } from '../../bridge/drivers/wayne-dart/dart-frame';
import { cardRead, CD, DC, encodeBlock, fromBcd, splitBlock, toBcd, type Transaction } from '../../bridge/drivers/wayne-dart/dart-transactions';
import { closeSerialPort, openSerialPort, type SerialBinding, type SerialSettings } from '../../serial/open-serial-port';
import { SimulatedDispenser, type DispenserReport, type SimulatedNozzle } from './simulated-dispenser';

export interface DartPumpSimulatorOptions {
  line: SerialSettings;
  binding?: SerialBinding;
  /** DART device address, 50H-6FH. */
  address: number;
  nozzles: SimulatedNozzle[];
  litresPerMinute?: number;
  tickMs?: number;
}

/**
 * A Wayne pump on a DART line (the slave's side of bridge/drivers/wayne-dart): answers POLL with EOT
 * or a DATA block of what it has to report (resent until ACKed), ACKs the controller's blocks and
 * carries them out, with a card terminal that reports the card number (DC100) at nozzle lift.
 */
export class DartPumpSimulator {
  readonly dispenser: SimulatedDispenser;
  private received = Buffer.alloc(0);
  /** Reports waiting for the next POLL, built when reported (totals are a snapshot), in order. */
  private pending: Transaction[] = [];
  private unacked?: { tx: number; frame: Buffer };
  private tx = 0;
  private lastFromController?: { tx: number; data: Buffer };
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly port: SerialPort,
    private readonly options: DartPumpSimulatorOptions,
  ) {
    this.dispenser = new SimulatedDispenser(options.nozzles, (what) => this.queue(what), options.litresPerMinute);
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.dispenser.tick(now - last);
      last = now;
    }, options.tickMs ?? 100);
  }

  static async start(options: DartPumpSimulatorOptions): Promise<DartPumpSimulator> {
    return new DartPumpSimulator(await openSerialPort(options.line, options.binding), options);
  }

  liftNozzle(nozzle: number, cardNumber?: string): void {
    this.dispenser.lift(nozzle, cardNumber);
  }

  hangUpNozzle(): void {
    this.dispenser.hangUp();
  }

  /** The pump goes dark mid-whatever: silent on the line, its unsent reports lost with its RAM. */
  losePower(): void {
    this.dispenser.losePower();
    this.pending = [];
    this.unacked = undefined;
  }

  restorePower(): void {
    this.dispenser.restorePower();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await closeSerialPort(this.port);
  }

  private receive(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    for (let end = frameEnd(this.received); end !== undefined; end = frameEnd(this.received)) {
      const block = this.received.subarray(0, end);
      this.received = this.received.subarray(end);
      const decoded = decodeFrame(block);
      if (!this.dispenser.powered) continue;
      if (!decoded.ok) {
        if (decoded.reason === 'crc' && decoded.address === this.options.address)
          this.write(encodeFrame({ type: 'nak', address: this.options.address, tx: 0 }));
        continue;
      }
      const frame = decoded.frame;
      if (frame.address !== this.options.address) continue;
      if (frame.type === 'poll') this.answerPoll();
      if (frame.type === 'ack' && this.unacked?.tx === frame.tx) this.unacked = undefined;
      if (frame.type === 'data') {
        this.write(encodeFrame({ type: 'ack', address: frame.address, tx: frame.tx }));
        // The same TX# and data again: our ACK was lost, the block was carried out already.
        const repeat = this.lastFromController?.tx === frame.tx && this.lastFromController.data.equals(frame.data);
        this.lastFromController = { tx: frame.tx, data: frame.data };
        if (!repeat) this.carryOut(frame.data);
      }
    }
  }

  private answerPoll(): void {
    if (!this.unacked && this.pending.length > 0) {
      this.tx = (this.tx % 15) + 1;
      const frame = encodeFrame({ type: 'data', address: this.options.address, tx: this.tx, data: encodeBlock(this.pending) });
      this.pending = [];
      this.unacked = { tx: this.tx, frame };
    }
    this.write(this.unacked?.frame ?? encodeFrame({ type: 'eot', address: this.options.address, tx: this.tx }));
  }

  private carryOut(block: Buffer): void {
    for (const { trans, data } of splitBlock(block) ?? []) {
      if (trans === CD.command && data[0] !== undefined) this.dispenser.command(data[0]);
      if (trans === CD.allowedNozzles) this.dispenser.allow([...data]);
      if (trans === CD.presetAmount) this.dispenser.preset(fromBcd(data) ?? 0);
      if (trans === CD.priceUpdate) this.dispenser.setPrices(Array.from({ length: data.length / 3 }, (_, i) => fromBcd(data.subarray(i * 3, i * 3 + 3)) ?? 0));
      if (trans === CD.requestTotals && data[0] !== undefined) this.queue({ totals: data[0] });
    }
  }

  private queue(what: DispenserReport): void {
    const d = this.dispenser;
    if (typeof what === 'object') {
      const total = toBcd(d.totalCl(what.totals), 5);
      this.pending.push({ trans: DC.totals, data: Buffer.concat([Buffer.from([what.totals]), total, total, toBcd(0, 5)]) });
      return;
    }
    const transaction: Record<Exclude<DispenserReport, object>, () => Transaction | undefined> = {
      status: () => ({ trans: DC.status, data: Buffer.from([d.status]) }),
      filled: () => ({ trans: DC.filled, data: Buffer.concat([toBcd(d.volumeCl, 4), toBcd(d.amount, 4)]) }),
      nozzle: () => ({ trans: DC.nozzle, data: Buffer.concat([toBcd(d.priceOf(d.selected), 3), Buffer.from([d.selected | (d.nozzleOut ? 0x10 : 0)])]) }),
      card: () => (d.card ? cardRead(d.card) : undefined),
      'power-failure': () => ({ trans: DC.alarm, data: Buffer.from([0x0a]) }),
    };
    const built = transaction[what]();
    if (!built) return;
    // Running figures: a newer one replaces the unsent one; every other change is reported as it happened.
    const unsent = built.trans === DC.filled ? this.pending.findIndex((t) => t.trans === DC.filled) : -1;
    if (unsent === -1) this.pending.push(built);
    else this.pending[unsent] = built;
  }

  private write(frame: Buffer): void {
    this.port.write(frame);
  }
}
