import { notFound, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { assertTenantSites, isUuid, queryableOf, timeKeyedPage, type Queryable } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { STATION_COLUMNS, type FuelStation } from './fuel-station.types';
import { saveStationSchema, type SaveFuelStationInput } from './station.input';

/** What a new station's controller gets when the input leaves it out (the migration's default too). */
const DEFAULT_OFFLINE_WINDOW_MINUTES = 60;

/** Fuel stations: sites of the tanks subgraph that sell fuel; every change audited. */
export class StationService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
  ) {}

  /** The company's stations in the order they became stations, a page at a time. */
  list(tenantId: string, first: number, after?: string | null): Promise<Connection<FuelStation>> {
    return timeKeyedPage<FuelStation>(
      this.db,
      {
        select: STATION_COLUMNS,
        from: 'fueling.station s',
        where: 's.tenant_id = $1',
        params: [tenantId],
        time: 's.created_at',
        id: 's.site_id',
        direction: 'ASC',
      },
      first,
      after,
    );
  }

  /** The company's stations among `ids` (loaders and `_entities` batch into this); other ids are left out. */
  async byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, FuelStation>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.db.query<FuelStation>(`SELECT ${STATION_COLUMNS} FROM fueling.station s WHERE s.tenant_id = $1 AND s.site_id = ANY($2::uuid[])`, [
      tenantId,
      valid,
    ]);
    const found = new Map(rows.map((s) => [s.id, s]));
    // Keyed as asked: a loader looks up the id it was given, in whatever case.
    return new Map(ids.flatMap((id) => (found.has(id.toLowerCase()) ? [[id, found.get(id.toLowerCase())!] as const] : [])));
  }

  /** Makes a site a fuel station or changes it; audited as `fuel-station.saved` with before and after. */
  save(by: CallerContext, input: SaveFuelStationInput): Promise<FuelStation> {
    const v = validateInput(saveStationSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await assertTenantSites(tx, by.tenantId, [v.siteId]);
      const [before] = await tx.query<FuelStation>(`SELECT ${STATION_COLUMNS} FROM fueling.station s WHERE s.tenant_id = $1 AND s.site_id = $2 FOR UPDATE`, [
        by.tenantId,
        v.siteId,
      ]);
      // Omitted: as it was (or the default for a new station); null clears the position.
      const keep = <K extends 'latitude' | 'longitude'>(k: K) => (v[k] === undefined ? (before?.[k] ?? null) : v[k]);
      const window = v.offlineCardWindowMinutes ?? before?.offlineCardWindowMinutes ?? DEFAULT_OFFLINE_WINDOW_MINUTES;
      const [saved] = await tx.query<FuelStation>(
        `INSERT INTO fueling.station AS s (tenant_id, site_id, latitude, longitude, offline_card_window_minutes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, site_id) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
           offline_card_window_minutes = EXCLUDED.offline_card_window_minutes
         RETURNING ${STATION_COLUMNS}`,
        [by.tenantId, v.siteId, keep('latitude'), keep('longitude'), window],
      );
      await auditChange(em, by, 'fueling', 'fuel-station.saved', `fuel-station:${v.siteId}`, { before: before ?? null, after: saved });
      return saved!;
    });
  }
}

/** A fuel station of the caller's, locked against change while the caller's transaction writes under it: NOT_FOUND for any other id. */
/** Whether a station is the tenant's. */
export async function isFuelStationOf(q: Queryable, tenantId: string, stationId: string): Promise<boolean> {
  if (!isUuid(stationId)) return false;
  return (await q.query(`SELECT 1 FROM fueling.station WHERE tenant_id = $1 AND site_id = $2`, [tenantId, stationId])).length > 0;
}

export async function assertFuelStation(q: Queryable, tenantId: string, stationId: string): Promise<void> {
  if (!isUuid(stationId)) throw notFound('FuelStation', stationId);
  const [row] = await q.query(`SELECT 1 FROM fueling.station WHERE tenant_id = $1 AND site_id = $2 FOR SHARE`, [tenantId, stationId]);
  if (!row) throw notFound('FuelStation', stationId);
}
