import { HearthError, notFound, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { assertTenantSites, isUniqueViolation, isUuid, queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { SCALE_COLUMNS, STATION_COLUMNS, type FillingScale, type FillingStation } from './filling-station.types';
import { registerScaleSchema, saveStationSchema, type RegisterFillingScaleInput, type SaveFillingStationInput } from './station.input';

/** Filling stations (sites of the tanks subgraph that fill) and their scales; every change audited. */
export class StationService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
  ) {}

  stations(tenantId: string): Promise<FillingStation[]> {
    return this.db.query<FillingStation>(`SELECT ${STATION_COLUMNS} FROM cylinders.filling_station WHERE tenant_id = $1 ORDER BY company, site_id`, [tenantId]);
  }

  scales(tenantId: string, stationId?: string | null): Promise<FillingScale[]> {
    if (stationId && !isUuid(stationId)) return Promise.resolve([]);
    return this.db.query<FillingScale>(
      `SELECT ${SCALE_COLUMNS} FROM cylinders.filling_scale WHERE tenant_id = $1 AND ($2::uuid IS NULL OR station_id = $2) ORDER BY station_id, name, id`,
      [tenantId, stationId ?? null],
    );
  }

  async scalesByIds(tenantId: string, ids: readonly string[]): Promise<Map<string, FillingScale>> {
    const rows = await this.db.query<FillingScale>(`SELECT ${SCALE_COLUMNS} FROM cylinders.filling_scale WHERE tenant_id = $1 AND id = ANY($2::text[])`, [
      tenantId,
      ids,
    ]);
    return new Map(rows.map((s) => [s.id, s]));
  }

  saveStation(by: CallerContext, input: SaveFillingStationInput): Promise<FillingStation> {
    const v = validateInput(saveStationSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await assertTenantSites(tx, by.tenantId, [v.siteId]);
      if (v.sourceTankId) await assertTenantTank(tx, by.tenantId, v.sourceTankId);
      const [before] = await tx.query<FillingStation>(
        `SELECT ${STATION_COLUMNS} FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2 FOR UPDATE`,
        [by.tenantId, v.siteId],
      );
      const [saved] = await tx.query<FillingStation>(
        `INSERT INTO cylinders.filling_station (tenant_id, site_id, company, source_tank_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, site_id) DO UPDATE SET company = EXCLUDED.company, source_tank_id = EXCLUDED.source_tank_id
         RETURNING ${STATION_COLUMNS}`,
        [by.tenantId, v.siteId, v.company, v.sourceTankId ?? null],
      );
      await auditChange(em, by, 'cylinders', 'filling-station.saved', `filling-station:${v.siteId}`, { before: before ?? null, after: saved });
      return saved!;
    });
  }

  registerScale(by: CallerContext, input: RegisterFillingScaleInput): Promise<FillingScale> {
    const v = validateInput(registerScaleSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [station] = await tx.query(`SELECT 1 FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2`, [by.tenantId, v.stationId]);
      if (!station) throw notFound('FillingStation', v.stationId);
      const [saved] = await tx
        .query<FillingScale>(
          `INSERT INTO cylinders.filling_scale (tenant_id, id, station_id, name) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, id) DO UPDATE SET station_id = EXCLUDED.station_id, name = EXCLUDED.name
           RETURNING ${SCALE_COLUMNS}`,
          [by.tenantId, v.id, v.stationId, v.name],
        )
        .catch((err: unknown) => {
          // Another company's scale of that id (migration 0008): the same words whoever holds it.
          if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `The scale id ${v.id} is taken: choose another.`, { field: 'id' });
          throw err;
        });
      await auditChange(em, by, 'cylinders', 'filling-scale.registered', `filling-scale:${v.id}`, { stationId: v.stationId, name: v.name });
      return saved!;
    });
  }
}

/** The tanks subgraph's tanks, read as a contract (id and tenant only): NOT_FOUND for another company's. */
async function assertTenantTank(q: Queryable, tenantId: string, tankId: string): Promise<void> {
  const [row] = await q.query(`SELECT 1 FROM tanks.tank WHERE tenant_id = $1 AND id = $2`, [tenantId, tankId]);
  if (!row) throw notFound('Tank', tankId);
}
