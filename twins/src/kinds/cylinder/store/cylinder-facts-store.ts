import { fleetChannel } from '@hearth/broker';
import { isUndefinedTable, isUuid, type Database } from '@hearth/platform/db';
import type { CylinderState } from '@hearth/platform/domain';
import type { Logger } from 'pino';
import { deviceOfFleetChange } from '../../device-places';
import type { CylinderFacts } from '../model/cylinder-facts';

/** Where the cylinders service tells which cylinder (or `spec:<tenant>:<code>`) changed (its migration 0006). */
export const CYLINDER_CHANGED_CHANNEL = 'hearth_cylinder_changed';

interface FactsRow {
  id: string;
  tenant_id: string;
  state: CylinderState;
  location_site_id: string | null;
  holder_customer_id: string | null;
  last_filled_at: Date | null;
  last_net_kg: number | null;
  next_inspection_due: string;
  design_life_ends: string;
  spec_code: string;
  nominal_tare_kg: number;
  max_fill_kg: number;
}

const toFacts = (r: FactsRow): CylinderFacts => ({
  cylinderId: r.id,
  tenantId: r.tenant_id,
  state: r.state,
  locationSiteId: r.location_site_id,
  holderCustomerId: r.holder_customer_id,
  lastFilledAt: r.last_filled_at && new Date(r.last_filled_at),
  lastNetKg: r.last_net_kg,
  nextInspectionDue: r.next_inspection_due,
  designLifeEnds: r.design_life_ends,
  specCode: r.spec_code,
  nominalTareKg: r.nominal_tare_kg,
  maxFillKg: r.max_fill_kg,
});

/** The facts of the cylinders bound as devices of kind `cylinder`, by the tenant that bound them. */
const BOUND_FACTS = `SELECT f.id::text AS id, f.tenant_id::text AS tenant_id, f.state, f.location_site_id::text AS location_site_id,
       f.holder_customer_id::text AS holder_customer_id, f.last_filled_at, f.last_net_kg, f.next_inspection_due, f.design_life_ends,
       f.spec_code, f.nominal_tare_kg, f.max_fill_kg
  FROM cylinders.cylinder_twin_facts f
  JOIN fleet.device d ON d.kind = 'cylinder' AND d.tenant_id = f.tenant_id AND d.id = f.id::text`;

/**
 * The registry's facts of the connected cylinders (the cylinders service's `cylinder_twin_facts`
 * view), in memory for the telemetry handler, which may not wait on the database. Loaded at start
 * for every cylinder bound as a device; one is read again when the cylinders service NOTIFYs a
 * change of it (or of its spec) and when the fleet binds or unbinds it. Reads are queued one after
 * another, so an older read never overwrites a newer one. Without the view (the cylinders service
 * has not migrated), no cylinder has facts and the twins work without them.
 */
export class CylinderFactsStore {
  private readonly facts = new Map<string, CylinderFacts>();
  private readonly stopListening: (() => Promise<void>)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private logger?: Logger,
    private readonly retryMs = 60_000,
  ) {}

  /** Where a failed read is logged (the core's logger, handed over once it exists). */
  logTo(logger: Logger): void {
    this.logger = logger;
  }

  async start(): Promise<void> {
    await this.loadAll();
    this.stopListening.push(
      await this.db.listen(CYLINDER_CHANGED_CHANNEL, (payload) => this.changed(payload)),
      await this.db.listen(fleetChannel, (payload) => this.fleetChanged(payload)),
    );
  }

  /** The cylinder's facts, when it is the tenant's and bound as a device. */
  get(tenantId: string, cylinderId: string): CylinderFacts | null {
    const facts = this.facts.get(cylinderId);
    return facts?.tenantId === tenantId ? facts : null;
  }

  /** Resolves once every read asked for so far is done (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Reads one cylinder's facts again (after the queue): gone when it is no longer bound or on the registry. */
  reload(cylinderId: string): Promise<void> {
    if (!isUuid(cylinderId)) return this.queue;
    return this.enqueue(async () => {
      const [row] = (await this.read('WHERE f.id = $1::uuid', [cylinderId])) ?? [];
      if (row) this.facts.set(cylinderId, row);
      else this.facts.delete(cylinderId);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    await Promise.all(this.stopListening.splice(0).map((stop) => stop()));
    await this.queue;
  }

  /**
   * Every bound cylinder's facts. Until the cylinders service has migrated its view, tried again
   * every minute: a cylinder bound before then would otherwise wait for a change of its own.
   */
  private async loadAll(): Promise<void> {
    const rows = await this.read('');
    if (rows === null) {
      if (this.stopped) return;
      this.retry = setTimeout(() => void this.enqueue(() => this.loadAll()), this.retryMs);
      this.retry.unref();
      return;
    }
    for (const row of rows) this.facts.set(row.cylinderId, row);
  }

  private changed(payload: string): void {
    const spec = /^spec:([^:]+):(.+)$/.exec(payload);
    if (!spec) return void this.reload(payload);
    for (const facts of this.facts.values()) if (facts.tenantId === spec[1] && facts.specCode === spec[2]) void this.reload(facts.cylinderId);
  }

  private fleetChanged(payload: string): void {
    const id = deviceOfFleetChange(payload, 'cylinder');
    if (id !== null) void this.reload(id);
  }

  private enqueue(read: () => Promise<void>): Promise<void> {
    const run = this.queue.then(read).catch((err: unknown) => this.logger?.error({ err }, 'cylinder facts could not be read: the twins keep the last ones'));
    this.queue = run;
    return run;
  }

  /** Null while the view does not exist. */
  private async read(where: string, params: unknown[] = []): Promise<CylinderFacts[] | null> {
    try {
      return (await this.db.query<FactsRow>(`${BOUND_FACTS} ${where}`, params)).map(toFacts);
    } catch (err) {
      if (isUndefinedTable(err)) return null;
      throw err;
    }
  }
}
