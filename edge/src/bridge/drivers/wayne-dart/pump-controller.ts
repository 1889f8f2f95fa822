import type { Logger } from '@hearth/platform';
import type { PumpDeviceConfig } from '../../config/site-config.schema';
import { FieldReadError } from '../field-driver';
import type { DartLink } from './dart-link';
import { allowedNozzles, command, DCC, presetAmount, priceUpdate, requestTotals, type Transaction } from './dart-transactions';
import { dartStatus, ifsfState } from './ifsf-state';
import { commandIdOf, pumpCommandSchema, pumpPrices, type PumpCommand } from './pump-command';
import type { PumpLedger } from './pump-ledger';
import type { PumpMessage } from './pump-messages';
import { transactionEvent, type Sale } from './pump-transaction';
import { limitInPumpUnits, toMillilitres, toMinor } from './pump-units';

export type PumpChannel = 'telemetry' | 'event' | 'command/ack';
export type PumpPublish = (channel: PumpChannel, body: Record<string, unknown>) => void;

export interface PumpControllerOptions {
  device: PumpDeviceConfig;
  ledger: PumpLedger;
  publish: PumpPublish;
  logger: Logger;
  now: () => Date;
}

interface OutboxItem {
  transactions: Transaction[];
  sent?: () => void;
  failed?: (reason: string) => void;
}

/** A preset amount is 4 bytes of BCD (Dart Pump Interface §3.1.4). */
const maxPreset = 99_999_999;

/**
 * One pump's forecourt logic over DART, kept across line reopenings: follows what the pump reports
 * (DC1 status, DC2 filled, DC3 nozzle, DC100 card), publishes IFSF telemetry, AUTH_REQUEST and
 * TRANSACTION, and turns Hearth's commands into blocks for the pump, sent at its next poll.
 */
export class PumpController {
  private status: number | undefined;
  private nozzle = { number: 0, out: false, price: 0 };
  private filled = { volume: 0, amount: 0 };
  private card?: string;
  /** AUTH_REQUEST published for this card, no answer yet. */
  private waiting?: { cardNumber: string; nozzle: number };
  private refused = false;
  private sale?: Sale;
  /** The sale ended: its filling information and totals were asked for. */
  private closing?: { nozzle: number; endTotal?: number };
  private resetting = false;
  private readonly afterSale: (() => void)[] = [];
  private readonly outbox: OutboxItem[] = [];
  private link?: DartLink;
  private statusAsked = false;
  private lastTelemetry?: { state: string; at: number; volume: number };
  private readonly answered = new Set<string>();

  constructor(private readonly options: PumpControllerOptions) {}

  /** One poll cycle: what Hearth asked for goes down, then the pump is polled until it has nothing more to say. */
  async cycle(link: DartLink): Promise<void> {
    if (link !== this.link) [this.link, this.statusAsked] = [link, false];
    try {
      // RETURN STATUS when a pump is first connected or after a communication fault (§2.1.1).
      if (!this.statusAsked) await link.send([command(DCC.returnStatus)]);
      this.statusAsked = true;
      for (let item = this.outbox[0]; item; item = this.outbox[0]) {
        await link.send(item.transactions).catch((err: Error) => {
          this.outbox.shift();
          item?.failed?.(err.message);
          throw err;
        });
        this.outbox.shift();
        item.sent?.();
      }
      for (let blocks = 0; blocks < 8; blocks++) {
        const messages = await link.poll();
        if (messages === null) break;
        for (const message of messages) this.take(message);
      }
      this.react();
    } catch (err) {
      if (err instanceof FieldReadError && err.kind === 'no-answer') this.lostContact();
      throw err;
    }
  }

  command(payload: unknown): void {
    const parsed = pumpCommandSchema.safeParse(payload);
    if (!parsed.success) {
      const id = commandIdOf(payload);
      if (id) this.ack(id, 'rejected', `not a pump command: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      else this.options.logger.warn('pump command without an id ignored');
      return;
    }
    // QoS 1 may deliver a command twice; it is carried out once (DESIGN §3).
    if (this.answered.has(parsed.data.id)) return;
    this.execute(parsed.data);
  }

  private execute(cmd: PumpCommand): void {
    switch (cmd.action) {
      case 'AUTHORIZE':
        return this.authorize(cmd.id, cmd.limitMinor);
      case 'REFUSE': {
        if (!this.waiting) return this.ack(cmd.id, 'rejected', 'no card is waiting at this pump');
        [this.waiting, this.refused] = [undefined, true];
        this.ack(cmd.id, 'done');
        return this.publishTelemetry();
      }
      case 'SET_PRICES':
        return this.setPrices(cmd.id, cmd.prices);
    }
  }

  private authorize(id: string, limitMinor: number): void {
    const waiting = this.waiting;
    if (!waiting || this.status !== dartStatus.reset || !this.nozzle.out) return this.ack(id, 'rejected', 'no card is waiting for authorisation at this pump');
    const limit = Math.min(limitInPumpUnits(limitMinor, this.options.device.decimals), maxPreset);
    if (limit <= 0) return this.ack(id, 'rejected', `${limitMinor} is below the smallest amount the pump counts`);
    this.waiting = undefined;
    // Totals first, so the sale's start is read before any fuel flows; then as §4.1: allowed nozzle, preset, AUTHORIZE.
    this.enqueue([requestTotals(waiting.nozzle), allowedNozzles([waiting.nozzle]), presetAmount(limit), command(DCC.authorize)], {
      sent: () => {
        this.sale = { cardNumber: waiting.cardNumber, nozzle: waiting.nozzle, authorizedAt: this.options.now() };
        this.card = undefined;
        this.ack(id, 'done');
      },
      failed: (reason) => this.ack(id, 'rejected', `the pump did not take the authorisation: ${reason}`),
    });
  }

  private setPrices(id: string, given: { grade: string; unitPriceMinor: number }[]): void {
    const prices = pumpPrices(this.options.device, given, this.options.ledger.prices);
    if (!prices.ok) return this.ack(id, 'rejected', prices.reason);
    const send = () =>
      this.enqueue([priceUpdate(prices.pricePerNozzle)], {
        sent: () => {
          this.options.ledger.pricesSent(prices.byGrade);
          this.ack(id, 'done');
        },
        failed: (reason) => this.ack(id, 'rejected', `the pump did not take the prices: ${reason}`),
      });
    // A pump takes no new price once a filling started (§2.4): they wait for the sale's end.
    if (!this.saleInProgress()) return send();
    this.afterSale.push(send);
    this.ack(id, 'accepted');
  }

  private take(message: PumpMessage): void {
    switch (message.kind) {
      case 'status':
        if (message.status === dartStatus.filling && this.sale && !this.sale.fillingSince) this.sale.fillingSince = this.options.now();
        if (message.status === dartStatus.reset) [this.resetting, this.closing] = [false, undefined];
        this.status = message.status;
        return;
      case 'filled':
        this.filled = { volume: message.volume, amount: message.amount };
        return;
      case 'nozzle':
        // A nozzle hung up ends this customer's turn: the card read with it no longer counts.
        if (!message.out) [this.card, this.waiting, this.refused] = [undefined, undefined, false];
        this.nozzle = { number: message.nozzle, out: message.out, price: message.price };
        return;
      case 'card':
        // A card read is a new request, also at a nozzle whose previous card was refused.
        [this.card, this.refused] = [message.cardNumber, false];
        return;
      case 'totals':
        if (this.closing?.nozzle === message.counter) this.closing.endTotal = message.volume;
        else if (this.sale?.nozzle === message.counter && this.sale.startTotal === undefined) this.sale.startTotal = message.volume;
        return;
      case 'alarm':
        this.options.logger.warn({ alarm: message.code }, 'pump alarm (DART DC5)');
        return;
      case 'other':
        this.options.logger.debug({ trans: message.trans }, 'pump transaction not used');
        return;
    }
  }

  /** What the pump's new state asks of the bridge. */
  private react(): void {
    const { status } = this;
    if (status === dartStatus.reset && this.nozzle.out && this.card && !this.waiting && !this.refused && !this.sale) {
      this.waiting = { cardNumber: this.card, nozzle: this.nozzle.number };
      this.options.publish('event', { type: 'AUTH_REQUEST', cardNumber: this.card, nozzle: this.nozzle.number });
    }
    if ((status === dartStatus.fillingCompleted || status === dartStatus.maxReached) && !this.closing && !this.resetting) {
      // Also after a power failure or a bridge restart: whatever the pump holds is read and reported once.
      const nozzle = this.sale?.nozzle ?? this.nozzle.number;
      if (nozzle > 0) {
        this.closing = { nozzle };
        this.enqueue([command(DCC.returnFillingInformation), requestTotals(nozzle)]);
      } else this.reset();
    }
    if (this.closing?.endTotal !== undefined) {
      const { nozzle, endTotal } = this.closing;
      this.closing = undefined;
      this.reportSale(nozzle, endTotal);
      this.reset();
    }
    if (!this.saleInProgress()) for (const send of this.afterSale.splice(0)) send();
    this.publishTelemetry();
  }

  private reportSale(nozzle: number, endTotal: number): void {
    const { device, ledger, logger } = this.options;
    const sale = this.sale;
    this.sale = undefined;
    const totalizerEndMl = toMillilitres(endTotal, device.decimals);
    const last = ledger.lastSale;
    if (this.filled.volume === 0) return logger.info({ nozzle }, 'sale ended without fuel delivered: nothing to report');
    // Reported before a restart that came ahead of the pump's RESET: the same sale, not a new one.
    if (last?.nozzle === nozzle && last.totalizerEndMl === totalizerEndMl) return logger.info({ counter: last.counter }, 'sale already reported');
    const grade = device.nozzles[String(nozzle)] ?? String(nozzle);
    const end = { nozzle, grade, ...this.filled, price: this.nozzle.price, endTotal, endedAt: this.options.now() };
    const counter = ledger.nextCounter;
    this.options.publish('event', transactionEvent(counter, sale, end, device.decimals));
    // Journaled first: a crash before this line reports the same sale again under the same counter.
    ledger.saleReported({ counter, nozzle, totalizerEndMl });
  }

  private reset(): void {
    this.resetting = true;
    this.enqueue([command(DCC.reset)]);
  }

  private saleInProgress(): boolean {
    const { status } = this;
    return !!this.sale || !!this.closing || status === dartStatus.authorized || status === dartStatus.filling || status === dartStatus.suspended;
  }

  private lostContact(): void {
    [this.status, this.closing, this.resetting] = [undefined, undefined, false];
    this.publishTelemetry();
  }

  private publishTelemetry(): void {
    const state = ifsfState({ status: this.status, nozzleOut: this.nozzle.out, delivered: this.filled.volume > 0, refused: this.refused });
    const running = state === 'FUELLING' || state === 'SUSPENDED_FUELLING';
    const at = this.options.now().getTime();
    const last = this.lastTelemetry;
    const due = running && last !== undefined && this.filled.volume !== last.volume && at - last.at >= this.options.device.telemetryIntervalMs;
    if (state === last?.state && !due) return;
    const { decimals } = this.options.device;
    this.options.publish('telemetry', {
      state,
      ...(this.nozzle.number > 0 ? { nozzle: this.nozzle.number } : {}),
      ...(running ? { volumeMl: toMillilitres(this.filled.volume, decimals), amountMinor: toMinor(this.filled.amount, decimals) } : {}),
    });
    this.lastTelemetry = { state, at, volume: this.filled.volume };
  }

  private enqueue(transactions: Transaction[], handlers: Omit<OutboxItem, 'transactions'> = {}): void {
    this.outbox.push({ transactions, ...handlers });
  }

  private ack(id: string, status: 'accepted' | 'rejected' | 'done', reason?: string): void {
    if (status !== 'accepted') this.answered.add(id);
    // Ids of the last few hundred commands are enough to recognise a redelivery.
    if (this.answered.size > 500) this.answered.delete(this.answered.values().next().value!);
    this.options.publish('command/ack', { id, status, ...(reason ? { reason } : {}) });
  }
}
