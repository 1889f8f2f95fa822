import type { PumpCommand } from './forecourt-command';
import type { Customer } from './forecourt-customers';
import type { ForecourtLedger } from './forecourt-ledger';
import { type Sale, saleAt, startSale, transactionOf } from './forecourt-sale';

export type PumpChannel = 'telemetry' | 'event' | 'command/ack';

/** What the pump needs of its station's controller. */
export interface PumpStation {
  /** Whether Hearth's card host can be asked (the station's MQTT link is up). */
  online(): boolean;
  /** Offline, the controller decides a card itself: the limit it allows, or null to refuse. */
  offlineLimitMinor(cardNumber: string, presetMinor: number | undefined): number | null;
  /** The card host refused a card (its holder stays away a while). */
  refused(cardNumber: string): void;
  emit(channel: PumpChannel, body: Record<string, unknown>): void;
}

export interface ForecourtPumpOptions {
  id: string;
  nozzles: { number: number; gradeCode: string }[];
  ledger: ForecourtLedger;
  station: PumpStation;
  /** Nominal flow (default 40 L/min); a longer sale runs faster so it lasts at most `maxSaleMs` (default 30 s). */
  litresPerMinute?: number;
  maxSaleMs?: number;
  /** The card reader takes this long after the nozzle is lifted (default 2 s). */
  cardReadMs?: number;
  /** No answer this long and the customer hangs up (default 60 s, as long as the card host answers). */
  answerTimeoutMs?: number;
}

type Phase =
  | { phase: 'idle' }
  | { phase: 'calling'; customer: Customer; since: number }
  | { phase: 'waiting'; customer: Customer; since: number }
  | { phase: 'authorised'; sale: Sale }
  | { phase: 'fuelling'; sale: Sale; lastAt: number }
  | { phase: 'dark'; sale?: Sale; cutAt: number };

/**
 * One fuelling point as its forecourt controller plays it (IFSF states): a customer lifts a nozzle
 * (CALLING), the card is read (AUTH_REQUEST, or the controller's own decision offline), AUTHORIZE
 * starts the fuel (AUTHORISED → FUELLING with running figures), the sale ends at the customer's
 * fill or the limit (IDLE, then its TRANSACTION under the next counter). A power cut leaves the
 * pump dark; back on, it reports the sale it was in with what it had delivered.
 */
export class ForecourtPump {
  private state: Phase = { phase: 'idle' };
  private readonly answered = new Set<string>();
  /** Prices that came while the pump was dark: the controller holds them and confirms once the pump took them. */
  private readonly pricesHeld: string[] = [];

  constructor(private readonly options: ForecourtPumpOptions) {}

  get id(): string {
    return this.options.id;
  }

  get phase(): Phase['phase'] {
    return this.state.phase;
  }

  /** Fuel has flowed in the sale under way (a power cut now leaves a partial sale to report). */
  get delivering(): boolean {
    return this.state.phase === 'fuelling' && this.state.sale.deliveredMl > 0;
  }

  get nozzles(): number[] {
    return this.options.nozzles.map((n) => n.number);
  }

  arrive(customer: Customer, now: number): void {
    if (this.state.phase !== 'idle') return;
    this.state = { phase: 'calling', customer, since: now };
    this.telemetry({ state: 'CALLING', nozzle: customer.nozzle });
  }

  /** Says where the pump stands (the controller does so when its link comes up: a twin learns its pumps' state at once). */
  report(): void {
    const state = { idle: 'IDLE', calling: 'CALLING', waiting: 'CALLING', authorised: 'AUTHORISED', fuelling: 'FUELLING', dark: 'INOPERATIVE' } as const;
    this.telemetry({ state: state[this.state.phase] });
  }

  /** Moves the pump on; call about once a second. */
  tick(now: number): void {
    const s = this.state;
    const { station } = this.options;
    if (s.phase === 'calling' && now - s.since >= (this.options.cardReadMs ?? 2_000)) this.cardRead(s.customer, now);
    // The link dropped while a card waited: the controller stops waiting for Hearth and decides itself.
    else if (s.phase === 'waiting' && !station.online()) this.decideOffline(s.customer);
    else if (s.phase === 'waiting' && now - s.since > (this.options.answerTimeoutMs ?? 60_000)) this.hangUp();
    else if (s.phase === 'authorised') {
      s.sale.startedAt = now;
      this.state = { phase: 'fuelling', sale: s.sale, lastAt: now };
      this.telemetry({ state: 'FUELLING', nozzle: s.sale.nozzle, volumeMl: 0, amountMinor: 0 });
    } else if (s.phase === 'fuelling') {
      const sale = saleAt(s.sale, now - s.lastAt);
      this.state = { ...s, sale, lastAt: now };
      this.telemetry({ state: 'FUELLING', nozzle: sale.nozzle, volumeMl: sale.deliveredMl, amountMinor: sale.amountMinor });
      if (sale.deliveredMl >= sale.targetMl) this.finish(sale, now);
    }
  }

  command(command: PumpCommand): void {
    // A redelivered command was carried out already.
    if (this.answered.has(command.id)) return;
    const s = this.state;
    if (s.phase === 'dark') {
      // A card answer for a dark pump is lost (it expires unanswered); prices wait in the controller for the power.
      if (command.action !== 'SET_PRICES') return;
      this.options.ledger.setPrices(command.prices);
      this.pricesHeld.push(command.id);
      return this.ack(command.id, 'accepted');
    }
    switch (command.action) {
      case 'AUTHORIZE':
      case 'REFUSE': {
        if (s.phase !== 'waiting' || (command.nozzle !== undefined && command.nozzle !== s.customer.nozzle))
          return this.ack(command.id, 'rejected', 'no card is waiting for an answer at this pump');
        if (command.action === 'REFUSE') {
          this.ack(command.id, 'done');
          this.options.station.refused(s.customer.cardNumber);
          return this.hangUp();
        }
        if (!this.authorize(s.customer, command.limitMinor, false)) {
          this.ack(command.id, 'rejected', 'the pump holds no price for the grade of this nozzle');
          return this.hangUp();
        }
        return this.ack(command.id, 'done');
      }
      case 'SET_PRICES':
        // A sale under way keeps the price it started with; the next one takes the new price.
        this.options.ledger.setPrices(command.prices);
        return this.ack(command.id, 'done');
    }
  }

  /** The station closes: a sale under way ends where it stands and is reported, like a nozzle hung up. */
  close(now: number): void {
    const s = this.state;
    if (s.phase === 'fuelling') {
      const sale = saleAt(s.sale, now - s.lastAt);
      if (sale.deliveredMl > 0) return this.finish(sale, now);
    }
    if (s.phase !== 'idle' && s.phase !== 'dark') this.hangUp();
  }

  powerCut(now: number): void {
    if (this.state.phase === 'dark') return;
    const s = this.state;
    const sale = s.phase === 'fuelling' ? saleAt(s.sale, now - s.lastAt) : s.phase === 'authorised' ? s.sale : undefined;
    this.state = { phase: 'dark', sale, cutAt: now };
    // The controller hears nothing more from the pump: all it can say is that it is out of order.
    this.telemetry({ state: 'INOPERATIVE' });
  }

  /** Power back: the interrupted sale, kept in the pump's memory, is reported as it stood. */
  powerUp(): void {
    if (this.state.phase !== 'dark') return;
    const { sale, cutAt } = this.state;
    for (const id of this.pricesHeld.splice(0)) this.ack(id, 'done');
    // The sale ended when the power went: that is when its figures stopped.
    if (sale && sale.deliveredMl > 0) this.finish(sale, cutAt);
    else this.hangUp();
  }

  private cardRead(customer: Customer, now: number): void {
    if (!this.options.station.online()) return this.decideOffline(customer);
    this.state = { phase: 'waiting', customer, since: now };
    const { cardNumber, nozzle, presetMinor } = customer;
    this.options.station.emit('event', { type: 'AUTH_REQUEST', cardNumber, nozzle, ...(presetMinor ? { presetMinor } : {}) });
  }

  private decideOffline(customer: Customer): void {
    const limit = this.options.station.offlineLimitMinor(customer.cardNumber, customer.presetMinor);
    if (limit === null || !this.authorize(customer, limit, true)) this.hangUp();
  }

  /** Starts the sale; false when the nozzle's grade has no price (the pump cannot sell it). */
  private authorize(customer: Customer, limitMinor: number, offline: boolean): boolean {
    const grade = this.options.nozzles.find((n) => n.number === customer.nozzle)?.gradeCode ?? String(customer.nozzle);
    const unitPriceMinor = this.options.ledger.price(grade);
    if (!unitPriceMinor) return false;
    const startTotalMl = this.options.ledger.memory(this.id).totalizersMl[String(customer.nozzle)] ?? 0;
    const sale = startSale(customer, { grade, unitPriceMinor, limitMinor, startTotalMl, offline }, this.options);
    this.state = { phase: 'authorised', sale };
    this.telemetry({ state: 'AUTHORISED', nozzle: customer.nozzle });
    return true;
  }

  private finish(sale: Sale, endedAt: number): void {
    this.state = { phase: 'idle' };
    this.telemetry({ state: 'IDLE' });
    const counter = this.options.ledger.memory(this.id).counter + 1;
    const event = transactionOf(sale, counter, endedAt);
    // Written down before it is sent: the counter is never given to another sale, even after a restart.
    this.options.ledger.saleReported(this.id, counter, sale.nozzle, event.totalizerEndMl);
    this.options.station.emit('event', { ...event });
  }

  private hangUp(): void {
    this.state = { phase: 'idle' };
    this.telemetry({ state: 'IDLE' });
  }

  private telemetry(body: Record<string, unknown>): void {
    this.options.station.emit('telemetry', body);
  }

  private ack(id: string, status: 'accepted' | 'done' | 'rejected', reason?: string): void {
    this.answered.add(id);
    // The last few hundred ids are enough to recognise a QoS 1 redelivery.
    if (this.answered.size > 500) this.answered.delete(this.answered.values().next().value!);
    this.options.station.emit('command/ack', { id, status, ...(reason ? { reason } : {}) });
  }
}
