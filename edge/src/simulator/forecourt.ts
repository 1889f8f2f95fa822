import type { Logger } from 'pino';
import { parsePumpCommand } from './forecourt-command';
import { OfflineCardList, type CardListSource } from './forecourt-card-list';
import { between, CustomerMix, type CustomerMixOptions, type ForecourtCard } from './forecourt-customers';
import { defaultForecourtPace, Recurring, type ForecourtPace } from './forecourt-incidents';
import type { GaugePace, SimulatedFuelTank } from './forecourt-gauge';
import { ForecourtGauges } from './forecourt-gauges';
import { ForecourtLedger, type PumpMemory } from './forecourt-ledger';
import { ForecourtLink, type ForecourtLinkOptions } from './forecourt-link';
import { ForecourtPump, type ForecourtPumpOptions, type PumpChannel } from './forecourt-pump';

export interface SimulatedFuelPump {
  id: string;
  nozzles: { number: number; gradeCode: string }[];
}

export interface ForecourtOptions extends Pick<
  ForecourtLinkOptions,
  'url' | 'gatewayId' | 'secret' | 'reconnectMinMs' | 'reconnectMaxMs' | 'uploadTwiceEvery'
> {
  pumps: SimulatedFuelPump[];
  /** The cards customers present (most are the company's; `mix` sets how many are not). */
  cards: ForecourtCard[];
  /** Grade → fen per litre the pumps start with, until SET_PRICES changes them. */
  prices: Record<string, number>;
  /** Where the pumps' counters, totalisers and prices are kept across restarts (none: in memory); the tanks' beside it. */
  stateFile?: string;
  /** The station's underground tanks, gauged and reported as the pumps draw from them (none: no gauge). */
  tanks?: SimulatedFuelTank[];
  /** How often the gauge reports (default every 10–30 s), its noise, deliveries and losses. */
  gauge?: Partial<GaugePace> & { everyMs?: readonly [number, number] };
  pace?: Partial<ForecourtPace>;
  mix?: CustomerMixOptions;
  pump?: Pick<ForecourtPumpOptions, 'litresPerMinute' | 'maxSaleMs' | 'cardReadMs' | 'answerTimeoutMs'>;
  /** Offline, a card not on the held lists may buy up to this (default 30 000 fen: 300 yuan). */
  offlineLimitMinor?: number;
  /** Where the card lists are read while online (none: offline sales check no list). */
  cardList?: CardListSource;
  cardListEveryMs?: number;
  tickMs?: number;
  random?: () => number;
  logger?: Logger;
}

/**
 * A fuel station's forecourt controller and its pumps, for the demo: customers come every so
 * often to an idle pump and pay by card through Hearth's card host; now and then a power cut
 * stops a pump mid-sale, and the station's link drops for some minutes while it keeps selling on
 * its own card list and uploads those sales once back. One instance per station (its gateway).
 */
export class ForecourtSimulator {
  readonly link: ForecourtLink;
  private readonly pumps = new Map<string, ForecourtPump>();
  private readonly customers: CustomerMix;
  private readonly cardList = new OfflineCardList();
  private readonly pace: ForecourtPace;
  private readonly random: () => number;
  private readonly arrivals: Recurring;
  private readonly powerCuts: Recurring;
  private readonly outages: Recurring;
  private readonly powerUps = new Map<string, number>();
  private readonly ledger: ForecourtLedger;
  private readonly gauges?: ForecourtGauges;
  private readonly gaugeReads: Recurring;
  private timer?: NodeJS.Timeout;
  private listTimer?: NodeJS.Timeout;
  private firstList?: NodeJS.Timeout;
  private wasConnected = false;

  constructor(private readonly options: ForecourtOptions) {
    const now = Date.now();
    this.random = options.random ?? Math.random;
    this.pace = { ...defaultForecourtPace, ...options.pace };
    this.link = new ForecourtLink({ ...options, onCommand: (pumpId, payload) => this.command(pumpId, payload) });
    this.customers = new CustomerMix(options.cards, options.mix, this.random);
    const ledger = (this.ledger = new ForecourtLedger(options.stateFile, { pumps: initialMemory(options.pumps), prices: options.prices }));
    for (const p of options.pumps)
      this.pumps.set(p.id, new ForecourtPump({ ...options.pump, id: p.id, nozzles: p.nozzles, ledger, station: this.stationFor(p.id) }));
    [this.arrivals, this.powerCuts, this.outages] = [
      new Recurring(this.pace.saleEveryMs, now, this.random),
      new Recurring(this.pace.powerCutEveryMs, now, this.random),
      new Recurring(this.pace.outageEveryMs, now, this.random),
    ];
    this.gaugeReads = new Recurring(options.gauge?.everyMs ?? [10_000, 30_000], now, this.random);
    if (options.tanks?.length) {
      this.gauges = new ForecourtGauges({
        tanks: options.tanks,
        pumps: options.pumps,
        stateFile: options.stateFile?.replace(/(\.json)?$/, '-tanks.json'),
        pace: options.gauge,
        random: this.random,
        logger: options.logger,
        now,
      });
      // A fresh gauge uploads the history it would have logged, so today's reconciliation has its opening reading.
      if (this.gauges.fresh) for (const r of this.gauges.history(now)) this.queueReading(r);
      this.followTanks();
    }
  }

  /** The gauge reads every tank now and queues the readings (they wait for the link with their own ts). */
  gaugeTanks(now = Date.now()): void {
    if (!this.gauges) return;
    this.followTanks();
    for (const r of this.gauges.read(now)) this.queueReading(r);
  }

  pump(id: string): ForecourtPump | undefined {
    return this.pumps.get(id);
  }

  start(): void {
    this.link.start();
    this.timer = setInterval(() => this.tick(Date.now()), this.options.tickMs ?? 1_000);
    if (this.options.cardList) {
      const refresh = () => void this.refreshCardList();
      this.listTimer = setInterval(refresh, this.options.cardListEveryMs ?? 60_000);
      // Soon after the start (the link is up by then), not at once: the gateway may still be starting.
      this.firstList = setTimeout(refresh, 5_000);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.listTimer);
    clearTimeout(this.firstList);
    // Sales under way end and go up before the link closes (briefly: a shutdown must not hang on them).
    for (const pump of this.pumps.values()) pump.close(Date.now());
    this.followTanks();
    this.gauges?.save();
    for (let waited = 0; this.link.pending > 0 && this.link.connected && waited < 1_000; waited += 50) await delay(50);
    await this.link.stop();
  }

  /** The pump goes dark for `offMs` (mid-sale, when the demo's schedule chooses it). */
  cutPower(pumpId: string, offMs: number, now = Date.now()): void {
    this.pumps.get(pumpId)?.powerCut(now);
    this.powerUps.set(pumpId, now + offMs);
    this.options.logger?.info({ gatewayId: this.options.gatewayId, pumpId, offMs }, 'demo power cut at a pump');
  }

  /** The station's link to Hearth goes down for `ms`. */
  dropLink(ms: number): void {
    this.link.drop(ms);
    this.options.logger?.info({ gatewayId: this.options.gatewayId, ms }, 'demo station offline');
  }

  /** Everything that is due at `now`: pumps moving on, power back, a new customer, an incident. */
  tick(now: number): void {
    if (this.link.connected !== this.wasConnected) {
      this.wasConnected = this.link.connected;
      if (this.wasConnected) for (const pump of this.pumps.values()) pump.report();
    }
    for (const [pumpId, at] of this.powerUps)
      if (now >= at) {
        this.powerUps.delete(pumpId);
        this.pumps.get(pumpId)?.powerUp();
      }
    for (const pump of this.pumps.values()) pump.tick(now);
    if (this.arrivals.due(now)) {
      const idle = [...this.pumps.values()].filter((p) => p.phase === 'idle');
      // No pump free: the customer waits, and takes the next one that is.
      const pump = idle[Math.floor(this.random() * idle.length)];
      if (pump) {
        pump.arrive(this.customers.next(pump.nozzles, now), now);
        this.arrivals.done(now);
      }
    }
    // Due, the cut comes at a random moment of the next sale that is flowing (not always its first second).
    if (this.powerCuts.due(now) && this.random() < 0.25) {
      const fuelling = [...this.pumps.values()].filter((p) => p.delivering);
      const pump = fuelling[Math.floor(this.random() * fuelling.length)];
      if (pump) {
        this.cutPower(pump.id, between(this.pace.powerOffMs, this.random), now);
        this.powerCuts.done(now);
      }
    }
    if (this.gaugeReads.due(now)) {
      this.gaugeTanks(now);
      this.gaugeReads.done(now);
    }
    if (this.outages.due(now) && this.link.connected) {
      this.dropLink(between(this.pace.outageMs, this.random));
      this.outages.done(now);
    }
  }

  /** The tanks fall by what the nozzles' totalisers moved (a sale's litres land when it ends, as the pumps count them). */
  private followTanks(): void {
    this.gauges?.follow((pumpId, nozzle) => (this.ledger.memory(pumpId).totalizersMl[String(nozzle)] ?? 0) / 1_000);
  }

  private queueReading({ tankId, ts, levelMm, temperatureC }: { tankId: string; ts: string; levelMm: number; temperatureC: number }): void {
    this.link.queueTank(tankId, { ts, levelMm, temperatureC });
  }

  private command(pumpId: string, payload: Buffer): void {
    const parsed = parsePumpCommand(payload);
    if (parsed.ok) this.pumps.get(pumpId)?.command(parsed.command);
    else if (parsed.id) this.link.publish(pumpId, 'command/ack', { id: parsed.id, status: 'rejected', reason: parsed.reason });
  }

  private stationFor(pumpId: string) {
    return {
      online: () => this.link.connected,
      offlineLimitMinor: (cardNumber: string, presetMinor: number | undefined) => {
        if (this.cardList.has(cardNumber)) return null;
        const limit = this.options.offlineLimitMinor ?? 30_000;
        return presetMinor ? Math.min(presetMinor, limit) : limit;
      },
      refused: (cardNumber: string) => this.customers.refused(cardNumber, Date.now()),
      emit: (channel: PumpChannel, body: Record<string, unknown>) => {
        // A sale is kept until Hearth has it, stamped with when it ended (it may be uploaded much later).
        if (channel === 'event' && body.type === 'TRANSACTION') this.link.queue(pumpId, { ts: body.endedAt, ...body });
        else this.link.publish(pumpId, channel, body);
      },
    };
  }

  private async refreshCardList(): Promise<void> {
    const source = this.options.cardList;
    if (!source || !this.link.connected) return;
    await this.cardList
      .refresh(source)
      .catch((err: Error) =>
        this.options.logger?.debug({ err: err.message }, 'card lists not refreshed or confirmed; offline sales go on with the lists held'),
      );
  }
}

/** A new pump's memory: counters from 0, totalisers at a different plausible reading per pump and nozzle. */
function initialMemory(pumps: SimulatedFuelPump[]): Record<string, PumpMemory> {
  return Object.fromEntries(
    pumps.map((p, i) => [
      p.id,
      { counter: 0, totalizersMl: Object.fromEntries(p.nozzles.map((n) => [String(n.number), (1_200 + i * 157 + n.number * 61) * 1_000_000])) },
    ]),
  );
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
