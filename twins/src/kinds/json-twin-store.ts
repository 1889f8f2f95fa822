import type { BulkQueryable, Queryable } from '@hearth/platform/db';
import type { DeviceTwin } from './twin-kind';

/**
 * The store of a kind whose twin is kept as one JSON document per device (`<table>(tenant_id,
 * device_id, state jsonb)`): fine for fleets of thousands; the tank kind keeps columns instead.
 * Dates are written as ISO-8601 and read back as dates.
 */
export class JsonTwinStore<State extends DeviceTwin> {
  constructor(
    /** `twins.detector_twin`: a table this module's own migrations create. */
    private readonly table: string,
    private readonly idOf: (twin: State) => string,
  ) {}

  /** Upserts a batch's changed twins in one statement. */
  async save(tx: Queryable, twins: readonly State[]): Promise<void> {
    if (twins.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.table} (tenant_id, device_id, state, updated_at)
       SELECT t.tenant_id, t.device_id, t.state, now() FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS t(tenant_id, device_id, state)
       ON CONFLICT (tenant_id, device_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [twins.map((t) => t.tenantId), twins.map(this.idOf), twins.map((t) => JSON.stringify(t))],
    );
  }

  async load(db: BulkQueryable, each: (twin: State) => void): Promise<void> {
    const rows = await db.query<{ state: string }>(`SELECT state::text AS state FROM ${this.table}`);
    for (const row of rows) each(JSON.parse(row.state, reviveDates) as State);
  }
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const reviveDates = (_key: string, value: unknown) => (typeof value === 'string' && isoInstant.test(value) ? new Date(value) : value);
