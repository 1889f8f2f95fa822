import { randomUUID } from 'node:crypto';
import type { CallerContext, Logger } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { calendarDayIn } from '@hearth/platform/domain';
import { TopUpMethod } from '@hearth/platform/ledger';
import { CylinderContent, TransferType, type CylinderServices } from '@hearth/cylinders';
import type { SimulatedCylinder } from '@hearth/edge';
import type { DemoCustomer } from './demo-customers';
import type { DemoCylinders } from './demo-cylinders';

/** How often the depot and the stores move cylinders (the filling line runs on its own). */
const EVERY_MS = 30_000;
/** Cylinders per truck. */
const TRUCKLOAD = 10;
/** Empties a store gathers before they go back to the depot. */
const EMPTIES_BACK = 8;

/**
 * The life around the demo's filling line while the stack runs, through the same services the API
 * uses: the depot stocks its filled cylinders in, sends a truckload to each store in turn (signed for
 * at the next step, now and then one short), stores hand full cylinders to customers (a deposit in
 * cash, or on loan) and take empties back weighed for residual gas, and empties go back to the depot
 * by the truckload, where the filling line takes them again.
 */
export class CylinderActivity {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private step = 0;
  /** Transfers dispatched last step: signed for at this one. */
  private onTheRoad: { id: string; tags: string[]; short: boolean }[] = [];

  constructor(
    private readonly db: Database,
    private readonly services: CylinderServices,
    private readonly tenantId: string,
    private readonly demo: DemoCylinders & { customers: DemoCustomer[] },
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  /** One step now (the timer's; tests call it). A failure is logged: the demo goes on. */
  tick(): Promise<void> {
    this.running ??= this.act()
      .catch((err: unknown) => this.logger.warn({ err }, 'demo cylinder activity failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private get as(): CallerContext {
    return { tenantId: this.tenantId, requestId: `demo-cylinders-${this.step}`, principal: { kind: 'service', id: 'demo-activity' }, scopes: [] };
  }

  private async act(): Promise<void> {
    const n = this.step++;
    const depot = this.demo.fillingStationId;
    await this.signForTrucks();
    await this.keepShiftOrders(depot);
    // Check-weighed and put into full stock.
    for (const c of await this.at(depot, ['FILLED'], 50)) await this.services.registry.moves.stockIn(this.as, c.id, CylinderContent.FULL, depot);
    const store = this.demo.stores[n % this.demo.stores.length]!;
    const full = await this.at(depot, ['FULL_STOCK'], TRUCKLOAD);
    // One truck in ten arrives a cylinder short: the store signs for what it counts.
    if (full.length === TRUCKLOAD) await this.send(TransferType.FULL_OUT, depot, store.id, full, n % 10 === 9);
    for (const s of this.demo.stores) {
      await this.serveCustomers(s.id, n);
      const empties = await this.at(s.id, ['RETURNED', 'EMPTY_STOCK'], TRUCKLOAD);
      if (empties.length >= EMPTIES_BACK) await this.send(TransferType.EMPTY_BACK, s.id, depot, empties, false);
    }
  }

  /**
   * The depot's filling orders follow its shifts (DAY 08:00–20:00, NIGHT otherwise, China time): one
   * open per spec, the last shift's closed when the next begins, so fills total by shift and team.
   */
  private async keepShiftOrders(depot: string) {
    const now = new Date();
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
    const shift = hour >= 8 && hour < 20 ? 'DAY' : 'NIGHT';
    // A night shift belongs to the day it began on.
    const shiftDate = calendarDayIn(hour < 8 ? new Date(now.getTime() - 86_400_000) : now);
    const orders = this.services.filling.service.orders;
    const open = (await orders.list(this.tenantId, { stationId: depot, open: true }, 50)).edges.map((e) => e.node);
    for (const order of open) if (order.shiftDate !== shiftDate || order.shift !== shift) await orders.close(this.as, order.id);
    const current = new Set(open.filter((o) => o.shiftDate === shiftDate && o.shift === shift).map((o) => o.specCode));
    for (const specCode of ['YSP35.5', 'YSP10', 'YSP50']) {
      if (!current.has(specCode)) await orders.open(this.as, { stationId: depot, shiftDate, shift, team: shift === 'DAY' ? '甲班' : '乙班', specCode });
    }
  }

  /** Cylinders at a site in one of the states, the longest untouched first. */
  private at(siteId: string, states: string[], limit: number) {
    return this.db.query<{ id: string; tag: string; specCode: string; tareKg: number }>(
      `SELECT c.id::text, c.tag, c.spec_code AS "specCode", s.nominal_tare_kg AS "tareKg"
         FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
        WHERE c.tenant_id = $1 AND c.location_site_id = $2 AND c.state = ANY($3::text[]) ORDER BY c.updated_at, c.id LIMIT $4`,
      [this.tenantId, siteId, states, limit],
    );
  }

  private async send(type: TransferType, from: string, to: string, cylinders: { tag: string; specCode: string }[], short: boolean) {
    const planned = new Map<string, number>();
    for (const c of cylinders) planned.set(c.specCode, (planned.get(c.specCode) ?? 0) + 1);
    const transfers = this.services.transfers.service;
    const order = await transfers.create(this.as, {
      type,
      fromSiteId: from,
      toSiteId: to,
      lines: [...planned].map(([specCode, count]) => ({ specCode, planned: count })),
      driver: 'Demo driver 王师傅',
      vehiclePlate: '浙B·D1234',
    });
    const tags = cylinders.map((c) => c.tag);
    await transfers.scan(this.as, order.id, tags);
    await transfers.dispatch(this.as, order.id);
    this.onTheRoad.push({ id: order.id, tags, short });
  }

  private async signForTrucks() {
    const arrived = this.onTheRoad;
    this.onTheRoad = [];
    for (const truck of arrived) {
      const receivedTags = truck.short ? truck.tags.slice(1) : truck.tags;
      await this.services.transfers.service.signOff(this.as, truck.id, { receivedTags, note: truck.short ? 'One short on arrival (demo)' : null });
    }
  }

  /** A store hands a full cylinder to a customer (cash deposit or a loan) and takes one empty back. */
  private async serveCustomers(storeId: string, n: number) {
    const served = this.demo.customers.filter((c) => !c.blacklisted);
    const [full] = await this.at(storeId, ['FULL_STOCK'], 1);
    if (full) {
      const customer = served[(n * 37 + storeId.charCodeAt(0)) % served.length]!;
      await this.services.handovers.service.handOver(this.as, {
        cylinderId: full.id,
        customerId: customer.id,
        storeId,
        ...(n % 3 === 0
          ? { loanDueOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }
          : { deposit: { amountMinor: 15_000, method: TopUpMethod.CASH } }),
        driver: n % 2 === 0 ? 'Delivery 李师傅' : 'Delivery 赵师傅',
        idempotencyKey: randomUUID(),
      });
    }
    const [held] = await this.db.query<{ id: string; tareKg: number; deposit: boolean }>(
      `SELECT c.id::text, s.nominal_tare_kg AS "tareKg",
              EXISTS (SELECT 1 FROM cylinders.handover h WHERE h.cylinder_id = c.id AND h.returned_at IS NULL AND h.deposit_minor > 0) AS deposit
         FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
        WHERE c.tenant_id = $1 AND c.state = 'AT_CUSTOMER' AND c.updated_at < now() - interval '1 minute' ORDER BY c.updated_at LIMIT 1`,
      [this.tenantId],
    );
    if (held) {
      await this.services.handovers.service.takeBack(this.as, {
        cylinderId: held.id,
        storeId,
        // Most come back with a little gas left in them (退残).
        grossKg: Math.round((held.tareKg + ((n * 0.37) % 1.2)) * 100) / 100,
        refundDeposit: held.deposit && n % 4 === 0 ? { method: TopUpMethod.CASH } : null,
        idempotencyKey: randomUUID(),
      });
    }
  }
}

/**
 * What the depot's filling line is fed: its empties, the longest waiting first (refreshed by `refresh`,
 * so the simulator's line never waits on the database), and every tenth cylinder one of the demo's
 * troubled ones, which the interlock must refuse.
 */
export class DepotLineFeed {
  private queue: SimulatedCylinder[] = [];
  private readonly recent = new Map<string, number>();
  private picks = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
    private readonly demo: DemoCylinders,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), 10_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The next cylinder for a scale; undefined when no empty is waiting. */
  readonly next = (): SimulatedCylinder | undefined => {
    const troubled = this.demo.cylinders.filter((c) => c.condition !== 'OK');
    const pick = ++this.picks % 10 === 0 && troubled.length > 0 ? this.troubled(troubled[(this.picks / 10) % troubled.length]!) : this.queue.shift();
    if (pick) this.recent.set(pick.tag, Date.now());
    return pick;
  };

  async refresh(): Promise<void> {
    try {
      const since = Date.now() - 10 * 60_000;
      for (const [tag, at] of this.recent) if (at < since) this.recent.delete(tag);
      const rows = await this.db.query<SimulatedCylinder>(
        `SELECT c.tag, s.nominal_tare_kg AS "tareKg", s.max_fill_kg AS "maxFillKg", s.tolerance_kg AS "toleranceKg"
           FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
          WHERE c.tenant_id = $1 AND c.location_site_id = $2 AND c.state IN ('REGISTERED', 'EMPTY_STOCK', 'RETURNED')
            AND c.owner_company = 'DEMO-GAS' AND c.fixed_station_id IS NULL AND c.next_inspection_due >= current_date
            AND c.manufactured_on + make_interval(years => c.design_life_years) > current_date
          ORDER BY c.updated_at, c.id LIMIT 40`,
        [this.tenantId, this.demo.fillingStationId],
      );
      this.queue = rows.filter((r) => !this.recent.has(r.tag));
    } catch (err) {
      this.logger.warn({ err }, 'the demo filling line’s feed could not be read');
    }
  }

  private troubled(c: { tag: string; specCode: string }): SimulatedCylinder {
    // Their specs' figures do not matter: the scale is locked before anything is filled.
    return { tag: c.tag, tareKg: 15.5, maxFillKg: 14.9, toleranceKg: 0.3 };
  }
}
