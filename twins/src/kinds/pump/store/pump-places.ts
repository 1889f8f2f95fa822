import { fleetChannel } from '@hearth/broker';
import { isUndefinedTable, tableExists, type Database } from '@hearth/platform/db';
import type { Logger } from 'pino';

/** Where the fueling service keeps its pumps (its migration 0001: id, tenant, station are the contract). */
export const PUMP_TABLE = 'fueling.pump';

/** How long an unknown pump waits before its station is looked for again. */
const RETRY_UNKNOWN_MS = 60_000;

/**
 * The station each pump stands at (`fueling.pump.station_id`), in memory: its alarms carry it and
 * `pumpTwinChanged(stationId)` filters by it, and the handlers may not wait on the database. Loaded
 * at start, learnt when the fleet binds a pump (its asset check reads the row), read again when
 * the fleet says a pump's binding changed, and looked up in the background (at most once a minute)
 * for a pump asked about before any of that. Without the fueling tables no pump has a station.
 */
export class PumpPlaces {
  private readonly places = new Map<string, { tenantId: string; stationId: string }>();
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
    for (const row of (await this.read('', [])) ?? []) this.places.set(row.id, row);
    this.stopListening = await this.db.listen(fleetChannel, (payload) => this.fleetChanged(payload));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    await this.queue;
  }

  /** The pump's station when it is the tenant's; null while unknown (looked up in the background). */
  stationOf(tenantId: string, pumpId: string): string | null {
    const place = this.places.get(pumpId);
    if (place) return place.tenantId === tenantId ? place.stationId : null;
    const last = this.asked.get(pumpId);
    if (last === undefined || Date.now() - last > RETRY_UNKNOWN_MS) {
      this.asked.set(pumpId, Date.now());
      void this.reload(pumpId);
    }
    return null;
  }

  /** Whether the pump is one of the tenant's (`fueling.pump`); its station is learnt on the way. */
  async isPumpOf(tenantId: string, pumpId: string): Promise<boolean> {
    if (!(await tableExists(this.db, PUMP_TABLE))) return false;
    const [row] = (await this.read('WHERE tenant_id = $1 AND id = $2', [tenantId, pumpId])) ?? [];
    if (row) this.places.set(pumpId, row);
    return row !== undefined;
  }

  /** Resolves once every lookup asked for so far is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  reload(pumpId: string): Promise<void> {
    const run = this.queue.then(async () => {
      const [row] = (await this.read('WHERE id = $1', [pumpId])) ?? [];
      if (row) this.places.set(pumpId, row);
      else this.places.delete(pumpId);
    });
    this.queue = run.catch((err: unknown) => this.logger?.error({ err, deviceId: pumpId }, 'the pump’s station could not be read'));
    return this.queue;
  }

  private fleetChanged(payload: string): void {
    let change: { table?: unknown; kind?: unknown; id?: unknown };
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    if (change.table === 'device' && change.kind === 'pump' && typeof change.id === 'string') void this.reload(change.id);
  }

  /** Null while the table does not exist. */
  private async read(where: string, params: unknown[]): Promise<{ id: string; tenantId: string; stationId: string }[] | null> {
    try {
      return await this.db.query(`SELECT id, tenant_id::text AS "tenantId", station_id::text AS "stationId" FROM ${PUMP_TABLE} ${where}`, params);
    } catch (err) {
      if (isUndefinedTable(err)) return null;
      throw err;
    }
  }
}
