import { dartStatus } from '../../bridge/drivers/wayne-dart/ifsf-state';

export interface SimulatedNozzle {
  nozzle: number;
  grade: string;
  /** Minor units (fen) per litre; the pump counts price and amount with 2 decimals, volume in centilitres. */
  unitPriceMinor: number;
  /** The nozzle's volume totaliser at start, in centilitres. */
  totalCl?: number;
}

/** What the dispenser has to tell the site controller; the line sends it at the next POLL. */
export type DispenserReport = 'status' | 'filled' | 'nozzle' | 'card' | 'power-failure' | { totals: number };

/**
 * A fuel dispenser's own logic, without the line: nozzles and their totalisers, the DART status
 * moves (Dart Pump Interface §2.1.3), fuelling at a steady rate up to the preset, and what survives a
 * power cut (prices, totals and the interrupted sale's figures: a pump keeps them in non-volatile memory).
 */
export class SimulatedDispenser {
  status: number = dartStatus.fillingCompleted;
  selected = 0;
  nozzleOut = false;
  card?: string;
  /** The running sale, in centilitres and fen. */
  volumeCl = 0;
  amount = 0;
  powered = true;
  private presetAmount?: number;
  private allowed = new Set<number>();
  private deliveredMl = 0;
  private readonly prices = new Map<number, number>();
  private readonly totals = new Map<number, number>();

  constructor(
    readonly nozzles: SimulatedNozzle[],
    private readonly report: (what: DispenserReport) => void,
    private readonly litresPerMinute = 40,
  ) {
    for (const n of nozzles) {
      this.prices.set(n.nozzle, n.unitPriceMinor);
      this.totals.set(n.nozzle, n.totalCl ?? 0);
    }
  }

  totalCl(nozzle: number): number {
    return this.totals.get(nozzle) ?? 0;
  }

  priceOf(nozzle: number): number {
    return this.prices.get(nozzle) ?? 0;
  }

  lift(nozzle: number, cardNumber?: string): void {
    [this.selected, this.nozzleOut, this.card] = [nozzle, true, cardNumber];
    this.report('nozzle');
    if (cardNumber) this.report('card');
  }

  hangUp(): void {
    this.nozzleOut = false;
    this.report('nozzle');
    const s = this.status;
    if (s === dartStatus.authorized || s === dartStatus.filling || s === dartStatus.suspended || s === dartStatus.maxReached)
      this.move(dartStatus.fillingCompleted);
  }

  /** CD1 (§3.1.1); a command in a status that does not take it is ignored, as §2.1.3 lists. */
  command(dcc: number): void {
    const s = this.status;
    if (dcc === 0x00) this.reportAll('status', 'nozzle');
    if (dcc === 0x04) this.reportAll('filled', 'nozzle');
    if (dcc === 0x05 && (s === dartStatus.fillingCompleted || s === dartStatus.maxReached || s === dartStatus.switchedOff)) {
      [this.volumeCl, this.amount, this.deliveredMl, this.presetAmount] = [0, 0, 0, undefined];
      this.move(dartStatus.reset);
      this.report('filled');
    }
    if (dcc === 0x06 && s === dartStatus.reset) this.move(dartStatus.authorized);
    if (dcc === 0x08 && s !== dartStatus.fillingCompleted && s !== dartStatus.switchedOff) this.move(dartStatus.fillingCompleted);
    if (dcc === 0x0a) this.move(dartStatus.switchedOff);
  }

  allow(nozzles: number[]): void {
    this.allowed = new Set(nozzles);
  }

  preset(amount: number): void {
    this.presetAmount = amount;
  }

  /** CD5: one price per logical nozzle from 1; ignored once a filling started, or if a nozzle has none (§2.4). */
  setPrices(prices: number[]): void {
    if (this.status === dartStatus.authorized || this.status === dartStatus.filling || this.status === dartStatus.suspended) return;
    if (this.nozzles.some((n) => (prices[n.nozzle - 1] ?? 0) === 0)) return;
    for (const n of this.nozzles) this.prices.set(n.nozzle, prices[n.nozzle - 1]!);
    if (this.status === dartStatus.notProgrammed) this.move(dartStatus.fillingCompleted);
  }

  /** Advances the pump by `ms` of time: an authorised lifted nozzle starts, a filling runs up to its preset. */
  tick(ms: number): void {
    if (!this.powered) return;
    if (this.status === dartStatus.authorized && this.nozzleOut && this.allowed.has(this.selected)) this.move(dartStatus.filling);
    if (this.status !== dartStatus.filling) return;
    const price = this.priceOf(this.selected);
    this.deliveredMl += (this.litresPerMinute * 1000 * ms) / 60_000;
    let volumeCl = Math.floor(this.deliveredMl / 10);
    // At the preset the pump stops on the last centilitre whose amount stays within it (§2.6).
    const limitCl = this.presetAmount === undefined ? Infinity : Math.floor((this.presetAmount * 100) / price);
    const reached = volumeCl >= limitCl;
    if (reached) volumeCl = limitCl;
    if (volumeCl !== this.volumeCl) {
      this.totals.set(this.selected, this.totalCl(this.selected) + volumeCl - this.volumeCl);
      [this.volumeCl, this.amount] = [volumeCl, Math.round((volumeCl * price) / 100)];
      this.report('filled');
    }
    if (reached) this.move(dartStatus.maxReached);
  }

  losePower(): void {
    this.powered = false;
  }

  /** Back on: a sale cut short is over, with what was delivered so far (§2.1.3: hardware reset → FILLING COMPLETE). */
  restorePower(): void {
    this.powered = true;
    const s = this.status;
    if (s === dartStatus.authorized || s === dartStatus.filling || s === dartStatus.suspended) this.status = dartStatus.fillingCompleted;
    this.reportAll('power-failure', 'status', 'filled', 'nozzle');
  }

  private reportAll(...what: DispenserReport[]): void {
    for (const w of what) this.report(w);
  }

  private move(status: number): void {
    this.status = status;
    this.report('status');
  }
}
