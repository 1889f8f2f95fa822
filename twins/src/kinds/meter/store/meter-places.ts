import { fleetChannel } from '@hearth/broker';
import { isUndefinedTable, isUuid, tableExists, type Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import type { MeterKind } from '../meter-messages';

/** Where the metering service keeps its meters (its migration 0001: `id, tenant_id, kind, site_id` are the contract; nothing else is read). */
export const METER_TABLE = 'metering.meter';

/** How long an unknown meter waits before it is looked for again. */
const RETRY_UNKNOWN_MS = 60_000;

export interface MeterPlace {
  tenantId: string;
  kind: MeterKind;
  siteId: string | null;
}

/**
 * Each meter's kind (which register it reports) and site (`metering.meter`), in memory: the
 * telemetry handler refuses the other register by it, alarms carry the site and
 * `meterTwinChanged(siteId)` watches a site's meters, and none of them may wait on the database.
 * Loaded at start, learnt when the fleet binds a meter (its asset check reads the row), read again
 * when the fleet says a meter's binding changed, and looked up in the background (at most once a
 * minute) for a meter asked about before any of that. Without the metering tables no meter is known.
 */
export class MeterPlaces {
  private readonly places = new Map<string, MeterPlace>();
  private readonly asked = new Map<string, number>();
  private stopListening?: () => Promise<void>;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private logger?: Logger,
  ) {}

  logTo(logger: Logger): void {
    this.logger = logger;
  }

  async start(): Promise<void> {
    for (const { id, ...place } of (await this.read('', [])) ?? []) this.places.set(id, place);
    this.stopListening = await this.db.listen(fleetChannel, (payload) => this.fleetChanged(payload));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    await this.queue;
  }

  /** The meter's kind and site when it is the tenant's; undefined while unknown (looked up in the background). */
  placeOf(tenantId: string, meterId: string): MeterPlace | undefined {
    const place = this.places.get(meterId);
    if (place) return place.tenantId === tenantId ? place : undefined;
    const last = this.asked.get(meterId);
    if (isUuid(meterId) && (last === undefined || Date.now() - last > RETRY_UNKNOWN_MS)) {
      this.asked.set(meterId, Date.now());
      void this.reload(meterId);
    }
    return undefined;
  }

  siteOf(tenantId: string, meterId: string): string | null {
    return this.placeOf(tenantId, meterId)?.siteId ?? null;
  }

  /** The tenant's meters at a site, as known now. */
  metersAt(tenantId: string, siteId: string): string[] {
    return [...this.places].filter(([, p]) => p.tenantId === tenantId && p.siteId === siteId).map(([id]) => id);
  }

  /** Whether the meter is one of the tenant's (`metering.meter`); its kind and site are learnt on the way. */
  async isMeterOf(tenantId: string, meterId: string): Promise<boolean> {
    if (!isUuid(meterId) || !(await tableExists(this.db, METER_TABLE))) return false;
    const [row] = (await this.read('WHERE tenant_id = $1 AND id = $2', [tenantId, meterId])) ?? [];
    if (row) this.places.set(meterId, { tenantId: row.tenantId, kind: row.kind, siteId: row.siteId });
    return row !== undefined;
  }

  /** Resolves once every lookup asked for so far is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  reload(meterId: string): Promise<void> {
    const run = this.queue.then(async () => {
      const [row] = (await this.read('WHERE id = $1', [meterId])) ?? [];
      if (row) this.places.set(meterId, { tenantId: row.tenantId, kind: row.kind, siteId: row.siteId });
      else this.places.delete(meterId);
    });
    this.queue = run.catch((err: unknown) => this.logger?.error({ err, deviceId: meterId }, 'the meter’s kind and site could not be read'));
    return this.queue;
  }

  private fleetChanged(payload: string): void {
    let change: { table?: unknown; kind?: unknown; id?: unknown };
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    if (change.table === 'device' && change.kind === 'meter' && typeof change.id === 'string' && isUuid(change.id)) void this.reload(change.id);
  }

  /** Null while the table does not exist. */
  private async read(where: string, params: unknown[]): Promise<({ id: string } & MeterPlace)[] | null> {
    try {
      return await this.db.query(`SELECT id::text, tenant_id::text AS "tenantId", kind, site_id::text AS "siteId" FROM ${METER_TABLE} ${where}`, params);
    } catch (err) {
      if (isUndefinedTable(err)) return null;
      throw err;
    }
  }
}
