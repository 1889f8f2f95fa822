import { fleetChannel, type DeviceKind } from '@hearth/broker';
import { isUndefinedTable, tableExists, type Database } from '@hearth/platform/db';
import type { Logger } from 'pino';

/** How long an unknown device waits before it is looked for again. */
const RETRY_UNKNOWN_MS = 60_000;

/** What every place holds: whose device it is. */
export interface DevicePlace {
  tenantId: string;
}

export interface DevicePlacesOptions {
  /** The kind of device, as the fleet names it in its notices. */
  kind: DeviceKind;
  /** The other service's table of these devices (a contract: nothing else of it is read). */
  table: string;
  /** The columns read from it: the id as `id` (text), the tenant as `tenantId`, and what a place holds besides. */
  columns: string;
  /** Whether an id can be one of the table's at all (a uuid column): other ids are never looked for. Any, unless said. */
  validId?: (id: string) => boolean;
  /** What a failed read could not read, for the log ("the pump’s station"). */
  what: string;
}

/**
 * Where each device of a kind stands (the other service's row of it: its tenant, its site, …), in
 * memory: handlers, alarms and subscriptions filtering by site ask for it, and none of them may wait
 * on the database. Loaded at start, learnt when the fleet binds a device (its asset check, `owns`,
 * reads the row), read again when the fleet says a device's binding changed, and looked up in the
 * background (at most once a minute) for a device asked about before any of that. Lookups are queued
 * one after another, so an older read never overwrites a newer one. Without the table no device is
 * known.
 */
export class DevicePlaces<Place extends DevicePlace> {
  protected readonly places = new Map<string, Place>();
  private readonly asked = new Map<string, number>();
  private readonly validId: (id: string) => boolean;
  private stopListening?: () => Promise<void>;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: DevicePlacesOptions,
    private logger?: Logger,
  ) {
    this.validId = options.validId ?? (() => true);
  }

  /** Where a failed lookup is logged (the core's logger, handed over once it exists). */
  logTo(logger: Logger): void {
    this.logger = logger;
  }

  async start(): Promise<void> {
    for (const row of (await this.read('', [])) ?? []) this.places.set(row.id, placeOfRow(row));
    this.stopListening = await this.db.listen(fleetChannel, (payload) => {
      const id = deviceOfFleetChange(payload, this.options.kind);
      if (id !== null && this.validId(id)) void this.reload(id);
    });
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    await this.queue;
  }

  /** Where the device stands when it is the tenant's; undefined while unknown (looked up in the background). */
  placeOf(tenantId: string, deviceId: string): Place | undefined {
    const place = this.places.get(deviceId);
    if (place) return place.tenantId === tenantId ? place : undefined;
    const last = this.asked.get(deviceId);
    if (this.validId(deviceId) && (last === undefined || Date.now() - last > RETRY_UNKNOWN_MS)) {
      this.asked.set(deviceId, Date.now());
      void this.reload(deviceId);
    }
    return undefined;
  }

  /** Whether the device is one of the tenant's (a row of the table); where it stands is learnt on the way. */
  async owns(tenantId: string, deviceId: string): Promise<boolean> {
    if (!this.validId(deviceId) || !(await tableExists(this.db, this.options.table))) return false;
    const [row] = (await this.read('WHERE tenant_id = $1 AND id = $2', [tenantId, deviceId])) ?? [];
    if (row) this.places.set(deviceId, placeOfRow(row));
    return row !== undefined;
  }

  /** Resolves once every lookup asked for so far is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Reads the device's place again (after the queue): gone when the table has no row of it. */
  reload(deviceId: string): Promise<void> {
    const run = this.queue.then(async () => {
      const [row] = (await this.read('WHERE id = $1', [deviceId])) ?? [];
      if (row) this.places.set(deviceId, placeOfRow(row));
      else this.places.delete(deviceId);
    });
    this.queue = run.catch((err: unknown) => this.logger?.error({ err, deviceId }, `${this.options.what} could not be read`));
    return this.queue;
  }

  /** Null while the table does not exist. */
  private async read(where: string, params: unknown[]): Promise<({ id: string } & Place)[] | null> {
    try {
      return await this.db.query(`SELECT ${this.options.columns} FROM ${this.options.table} ${where}`, params);
    } catch (err) {
      if (isUndefinedTable(err)) return null;
      throw err;
    }
  }
}

const placeOfRow = <Place extends DevicePlace>({ id: _id, ...place }: { id: string } & Place): Place => place as unknown as Place;

/** The id of a device of this kind whose binding changed, from a notice on the fleet's channel; null for any other notice. */
export function deviceOfFleetChange(payload: string, kind: DeviceKind): string | null {
  let change: { table?: unknown; kind?: unknown; id?: unknown };
  try {
    change = JSON.parse(payload) as typeof change;
  } catch {
    return null;
  }
  return change.table === 'device' && change.kind === kind && typeof change.id === 'string' ? change.id : null;
}
