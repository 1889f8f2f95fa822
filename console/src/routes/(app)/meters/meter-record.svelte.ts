import type { Client } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { errorMessage } from '$lib/api/errors';
import {
  METER,
  METER_CHARGES_PAGE,
  METER_CONSUMPTION,
  METER_RECONCILIATION,
  METER_STATEMENT,
  METER_SUPPLY_EVENTS_PAGE,
  METER_TWIN_CHANGED,
  SET_METER_SUPPLY_PROTECTION,
} from '$lib/api/metering-queries';
import type {
  ConsumptionBucket,
  ConsumptionBucketSize,
  MeterCharge,
  MeterChargesPage,
  MeterDetail,
  MeterReconciliation,
  MeterStatement,
  MeterSupplyEvent,
  MeterSupplyEventsPage,
  MeterTwin,
  StatementPeriod,
} from '$lib/api/metering-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';
import { withMeterTwin } from './meter-state';

/** The two ranges a meter's consumption chart shows: by hour over two days, by day over thirty. */
export type ConsumptionRange = 'hours' | 'days';
export const CONSUMPTION_RANGES: Record<ConsumptionRange, { bucket: ConsumptionBucketSize; spanMs: number; stepMs: number }> = {
  hours: { bucket: 'HOUR', spanMs: 2 * 86_400_000, stepMs: 3_600_000 },
  days: { bucket: 'DAY', spanMs: 30 * 86_400_000, stepMs: 86_400_000 },
};

const relayMoved = (a: MeterTwin['relay'], b: MeterTwin['relay']) =>
  a.intended !== b.intended || a.reported !== b.reported || a.pendingAction !== b.pendingAction || a.lastCommandStatus !== b.lastCommandStatus;

/** Figures from a read: the value and why it failed, kept apart so one failing part leaves the rest of the panel. */
interface Part<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}
const part = <T>(): Part<T> => ({ value: null, error: null, loading: true });

/**
 * The panel's state for one meter: the meter and its twin (kept live by its own subscription), its
 * recent charges (20 a page), its recent supply decisions (10 a page), a day's or a month's statement, its consumption for the chart, and
 * the reconciliation of what the meter says is left against its wallet. Protecting its supply
 * shows the meter as the service answered.
 */
export class MeterRecordState {
  meter: MeterDetail | null = $state(null);
  status: 'loading' | 'ready' | 'missing' | 'error' = $state('loading');
  error: string | null = $state(null);
  liveError: string | null = $state(null);
  charges: PagedList<MeterCharge, MeterChargesPage>;
  supplyEvents: PagedList<MeterSupplyEvent, MeterSupplyEventsPage>;
  statement: Part<MeterStatement> = $state(part());
  consumption: Part<ConsumptionBucket[]> & { from: number; to: number; range: ConsumptionRange } = $state({
    ...part<ConsumptionBucket[]>(),
    from: 0,
    to: 0,
    range: 'hours',
  });
  reconciliation: Part<MeterReconciliation> = $state(part());

  readonly id: string;
  #client: Client;
  #onchange: (meter: MeterDetail) => void;
  #statementGeneration = 0;
  #consumptionGeneration = 0;

  constructor(client: Client, id: string, onchange: (meter: MeterDetail) => void = () => {}) {
    this.#client = client;
    this.id = id;
    this.#onchange = onchange;
    this.charges = new PagedList(client, METER_CHARGES_PAGE, (d: MeterChargesPage) => d.meterCharges, 20);
    this.supplyEvents = new PagedList(client, METER_SUPPLY_EVENTS_PAGE, (d: MeterSupplyEventsPage) => d.meterSupplyEvents, 10);
  }

  async load(): Promise<void> {
    const result = await this.#client.query<{ meter: MeterDetail | null }>(METER, { id: this.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.status === 'loading') this.status = 'error';
      return;
    }
    this.error = null;
    // A twin heard of while the read was on its way may be newer than the one read.
    const read = result.data.meter;
    this.meter = read && this.meter?.twin ? withMeterTwin([read], read.id, this.meter.twin)[0]! : read;
    this.status = this.meter ? 'ready' : 'missing';
    if (!this.meter) return;
    await Promise.all([this.charges.reload({ meterId: this.id }), this.supplyEvents.reload({ meterId: this.id }), this.loadReconciliation()]);
  }

  /** Subscribes to the meter's twin; returns the unsubscribe. */
  live(): () => void {
    return this.#client.subscription<{ meterTwinChanged: MeterTwin & { meterId: string } }>(METER_TWIN_CHANGED, { meterId: this.id }).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const change = result.data?.meterTwinChanged;
      if (!change || !this.meter) return;
      const { meterId, ...twin } = change;
      const before = this.meter.twin;
      this.meter = withMeterTwin([this.meter], meterId, twin)[0]!;
      // A balance moved by a reading's charge: the charges and the reconciliation have news.
      if (before && this.meter.twin !== before && twin.observedAt !== before.observedAt) {
        void this.charges.reload();
        void this.loadReconciliation();
      }
      // A decision about its supply (an alarm, a trip, a reconnection) moves the relay or its command: the supply history has news.
      if (before && this.meter.twin !== before && (twin.observedAt !== before.observedAt || relayMoved(before.relay, twin.relay)))
        void this.supplyEvents.reload();
    }).unsubscribe;
  }

  async loadStatement(period: StatementPeriod, day: string): Promise<void> {
    const generation = ++this.#statementGeneration;
    this.statement.loading = true;
    const result = await this.#client
      .query<{ meterStatement: MeterStatement }>(METER_STATEMENT, { meterId: this.id, period, day }, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#statementGeneration) return;
    this.statement = {
      value: result.data?.meterStatement ?? null,
      error: result.error ? errorMessage(result.error) : result.data ? null : m.error_no_data(),
      loading: false,
    };
  }

  async loadConsumption(range: ConsumptionRange, now = Date.now()): Promise<void> {
    const generation = ++this.#consumptionGeneration;
    const { bucket, spanMs } = CONSUMPTION_RANGES[range];
    const to = now;
    const from = to - spanMs;
    this.consumption.loading = true;
    this.consumption.range = range;
    const result = await this.#client
      .query<{
        meterConsumption: ConsumptionBucket[];
      }>(METER_CONSUMPTION, { meterId: this.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket }, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#consumptionGeneration) return;
    this.consumption = {
      value: result.data?.meterConsumption ?? null,
      error: result.error ? errorMessage(result.error) : result.data ? null : m.error_no_data(),
      loading: false,
      from,
      to,
      range,
    };
  }

  async loadReconciliation(): Promise<void> {
    const result = await this.#client
      .query<{ meterReconciliation: MeterReconciliation }>(METER_RECONCILIATION, { meterId: this.id }, { requestPolicy: 'network-only' })
      .toPromise();
    this.reconciliation = {
      value: result.data?.meterReconciliation ?? null,
      error: result.error ? errorMessage(result.error) : result.data ? null : m.error_no_data(),
      loading: false,
    };
  }

  /** Protects supply (a reason required, an end optional) or lifts the protection; resolves to why it was refused, if it was. */
  async setProtection(protect: boolean, reason: string | null, until: string | null): Promise<ActionProblem | null> {
    const result = await this.#client
      .mutation<{ setMeterSupplyProtection: MeterDetail }>(SET_METER_SUPPLY_PROTECTION, { meterId: this.id, protected: protect, reason, until })
      .toPromise();
    const meter = result.data?.setMeterSupplyProtection;
    if (result.error || !meter) return actionProblem(result.error ?? new Error(m.error_no_data()));
    this.meter = this.meter?.twin ? withMeterTwin([meter], meter.id, this.meter.twin)[0]! : meter;
    this.#onchange(this.meter);
    return null;
  }
}
