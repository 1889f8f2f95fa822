import { badInput, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, isUuid, queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { ensureDefaultGrades } from './default-grades';
import { unknownGrades } from './grade.service';
import { registerPumpSchema, type RegisterPumpInput } from './pump.input';
import { PUMP_COLUMNS, type Pump } from './pump.types';
import { assertFuelStation } from './station.service';

/** A forecourt has a few dozen fuelling points at most: a station's pumps are one short list. */
export const MAX_PUMPS_PER_STATION = 64;

/** Pumps and their nozzles; every registration audited. */
export class PumpService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
  ) {}

  /** A station's pumps by dispenser and name (at most 64). */
  atStation(tenantId: string, stationId: string): Promise<Pump[]> {
    if (!isUuid(stationId)) return Promise.resolve([]);
    return this.db.query<Pump>(
      `SELECT ${PUMP_COLUMNS} FROM fueling.pump p WHERE p.tenant_id = $1 AND p.station_id = $2 ORDER BY p.dispenser, p.name, p.id LIMIT ${MAX_PUMPS_PER_STATION}`,
      [tenantId, stationId],
    );
  }

  /** The company's pumps among `ids` (loaders and `_entities` batch into this). */
  byIds(tenantId: string, ids: readonly string[], q: Queryable = this.db): Promise<Map<string, Pump>> {
    return pumpsByIds(q, tenantId, ids);
  }

  /** Registers a pump, or replaces its station, names and nozzles; audited as `pump.registered` with before and after. */
  register(by: CallerContext, input: RegisterPumpInput): Promise<Pump> {
    const v = validateInput(registerPumpSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await ensureDefaultGrades(tx, by.tenantId);
      await assertFuelStation(tx, by.tenantId, v.stationId);
      await checkNozzles(tx, by.tenantId, v);
      const before = (await pumpsByIds(tx, by.tenantId, [v.id], 'FOR UPDATE')).get(v.id) ?? null;
      const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM fueling.pump WHERE tenant_id = $1 AND station_id = $2 AND id <> $3`, [
        by.tenantId,
        v.stationId,
        v.id,
      ]);
      if ((count?.n ?? 0) >= MAX_PUMPS_PER_STATION) {
        throw new HearthError('LIMIT_EXCEEDED', `A station has at most ${MAX_PUMPS_PER_STATION} pumps: register this one at another station.`, {
          max: MAX_PUMPS_PER_STATION,
        });
      }
      await tx
        .query(
          `INSERT INTO fueling.pump (tenant_id, id, station_id, dispenser, name) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, id) DO UPDATE SET station_id = EXCLUDED.station_id, dispenser = EXCLUDED.dispenser, name = EXCLUDED.name`,
          [by.tenantId, v.id, v.stationId, v.dispenser, v.name],
        )
        .catch((err: unknown) => {
          // Another company's pump of that id (pump_id_one_company): the same words whoever holds it.
          if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `The pump id ${v.id} is taken: choose another.`, { field: 'id' });
          throw err;
        });
      await tx.query(`DELETE FROM fueling.nozzle WHERE tenant_id = $1 AND pump_id = $2`, [by.tenantId, v.id]);
      await tx.query(
        `INSERT INTO fueling.nozzle (tenant_id, pump_id, number, grade_code, tank_id)
         SELECT $1, $2, n.number, n.grade, n.tank FROM unnest($3::int[], $4::text[], $5::uuid[]) AS n(number, grade, tank)`,
        [by.tenantId, v.id, v.nozzles.map((n) => n.number), v.nozzles.map((n) => n.gradeCode), v.nozzles.map((n) => n.tankId ?? null)],
      );
      const saved = (await pumpsByIds(tx, by.tenantId, [v.id])).get(v.id)!;
      const { createdAt: _was, ...was } = before ?? ({} as Partial<Pump>);
      const { createdAt: _is, ...is } = saved;
      await auditChange(em, by, 'fueling', 'pump.registered', `pump:${v.id}`, { before: before ? was : null, after: is });
      return saved;
    });
  }
}

async function pumpsByIds(q: Queryable, tenantId: string, ids: readonly string[], lock = ''): Promise<Map<string, Pump>> {
  const rows = await q.query<Pump>(`SELECT ${PUMP_COLUMNS} FROM fueling.pump p WHERE p.tenant_id = $1 AND p.id = ANY($2::text[]) ${lock}`, [tenantId, ids]);
  return new Map(rows.map((p) => [p.id, p]));
}

/**
 * Each nozzle's grade is one of the company's, and its tank one of the company's (the tanks
 * subgraph's table, read as a contract: id, tenant and site) at the pump's own station: a nozzle
 * draws from an underground tank on the same forecourt.
 */
async function checkNozzles(q: Queryable, tenantId: string, v: z.infer<typeof registerPumpSchema>): Promise<void> {
  const missing = new Set(await unknownGrades(q, tenantId, [...new Set(v.nozzles.map((n) => n.gradeCode))]));
  const tankIds = [...new Set(v.nozzles.flatMap((n) => (n.tankId ? [n.tankId.toLowerCase()] : [])))];
  const tanks = await q.query<{ id: string; siteId: string }>(
    `SELECT id::text, site_id::text AS "siteId" FROM tanks.tank WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, tankIds],
  );
  const siteOf = new Map(tanks.map((t) => [t.id, t.siteId]));
  const foreign = tankIds.find((id) => !siteOf.has(id));
  if (foreign) throw notFound('Tank', foreign);
  const problems = v.nozzles.flatMap((n, i) => [
    ...(missing.has(n.gradeCode) ? [{ field: `nozzles.${i}.gradeCode`, message: `no grade ${n.gradeCode}: save it with saveFuelGrade first` }] : []),
    ...(n.tankId && siteOf.get(n.tankId.toLowerCase()) !== v.stationId.toLowerCase()
      ? [{ field: `nozzles.${i}.tankId`, message: `tank ${n.tankId} is at another site: a nozzle draws from a tank at its own station` }]
      : []),
  ]);
  if (problems.length > 0) throw badInput(problems);
}
