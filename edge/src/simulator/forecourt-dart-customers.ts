import type { Logger } from 'pino';
import { dartStatus } from '../bridge/drivers/wayne-dart/ifsf-state';
import { between, CustomerMix, type CustomerMixOptions, type ForecourtCard } from './forecourt-customers';
import { defaultForecourtPace, Recurring, type ForecourtPace } from './forecourt-incidents';
import type { DartPumpSimulator } from './serial/dart-pump-simulator';

/** A customer's turn at a pump: since when, how much their tank takes, whether fuel was authorised. */
interface Turn {
  cardNumber: string;
  since: number;
  targetCl: number;
  started: boolean;
}

export interface DartCustomersOptions {
  cards: ForecourtCard[];
  mix?: CustomerMixOptions;
  pace?: Partial<Pick<ForecourtPace, 'saleEveryMs' | 'powerCutEveryMs' | 'powerOffMs'>>;
  /** A card read unanswered this long is taken for refused: the customer hangs up (default 10 s). */
  giveUpMs?: number;
  logger?: Logger;
  random?: () => number;
}

/**
 * The customers at a station of DART pumps: every so often one lifts a nozzle of an idle pump and
 * presents a card (the pump's card reader reports it, DC100), hangs up when the tank is full or
 * the pump stops at the authorised amount, or gives up when no authorisation comes. Now and then a
 * pump loses power mid-sale and comes back a minute or two later (what it then reports is the bridge's business).
 */
export class DartCustomers {
  private timer?: NodeJS.Timeout;
  private readonly turns = new Map<string, Turn>();
  private readonly powerBack = new Map<string, number>();
  private readonly mix: CustomerMix;
  private readonly arrivals: Recurring;
  private readonly powerCuts: Recurring;
  private readonly pace: ForecourtPace;
  private readonly random: () => number;

  constructor(
    private readonly pumps: Map<string, DartPumpSimulator>,
    private readonly options: DartCustomersOptions,
  ) {
    const now = Date.now();
    this.random = options.random ?? Math.random;
    this.pace = { ...defaultForecourtPace, ...options.pace };
    this.mix = new CustomerMix(options.cards, options.mix, this.random);
    this.arrivals = new Recurring(this.pace.saleEveryMs, now, this.random);
    this.powerCuts = new Recurring(this.pace.powerCutEveryMs, now, this.random);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(Date.now()), 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  tick(now: number): void {
    for (const [id, at] of this.powerBack)
      if (now >= at) {
        this.powerBack.delete(id);
        this.pumps.get(id)?.restorePower();
      }
    for (const [id, turn] of this.turns) this.follow(id, turn, now);
    const pumps = [...this.pumps.entries()];
    if (this.arrivals.due(now)) {
      const idle = pumps.filter(([id, p]) => !this.turns.has(id) && p.dispenser.powered && !p.dispenser.nozzleOut && p.dispenser.status === dartStatus.reset);
      const [id, pump] = idle[Math.floor(this.random() * idle.length)] ?? [];
      if (id && pump) {
        const customer = this.mix.next(
          pump.dispenser.nozzles.map((n) => n.nozzle),
          now,
        );
        // A DART card read carries no preset: every DART customer fills up, to the tank or the authorised amount.
        this.turns.set(id, { cardNumber: customer.cardNumber, since: now, targetCl: Math.round(customer.targetMl / 10), started: false });
        pump.liftNozzle(customer.nozzle, customer.cardNumber);
        this.arrivals.done(now);
      }
    }
    // Due, the cut comes at a random moment of the next sale that is flowing (not always its first second).
    if (this.powerCuts.due(now) && this.random() < 0.25) {
      const [id, pump] = pumps.find(([, p]) => p.dispenser.status === dartStatus.filling && p.dispenser.powered && p.dispenser.volumeCl > 0) ?? [];
      if (id && pump) {
        pump.losePower();
        this.powerBack.set(id, now + between(this.pace.powerOffMs, this.random));
        this.powerCuts.done(now);
        this.options.logger?.info({ pumpId: id }, 'demo power cut at a DART pump');
      }
    }
  }

  private follow(id: string, turn: Turn, now: number): void {
    const pump = this.pumps.get(id)!;
    const d = pump.dispenser;
    if (!d.powered) return;
    if (d.status === dartStatus.authorized || d.status === dartStatus.filling) turn.started = true;
    const ended = turn.started && d.status !== dartStatus.authorized && d.status !== dartStatus.filling;
    const full = d.status === dartStatus.filling && d.volumeCl >= turn.targetCl;
    const gaveUp = !turn.started && now - turn.since > (this.options.giveUpMs ?? 10_000);
    if (!ended && !full && !gaveUp) return;
    if (gaveUp) this.mix.refused(turn.cardNumber, now);
    pump.hangUpNozzle();
    this.turns.delete(id);
  }
}
