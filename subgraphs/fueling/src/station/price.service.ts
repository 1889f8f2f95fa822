import { actorOf, badInput, HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, queryableOf, timeKeyedPage, type Queryable } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { ensureDefaultGrades } from './default-grades';
import { unknownGrades } from './grade.service';
import { setPriceSchema, type SetFuelPriceInput } from './price.input';
import { PRICE_COLUMNS, pricesInEffect, type StoredPrice } from './prices';
import { assertFuelStation, isFuelStationOf } from './station.service';

/** How far in the past an `effectiveAt` may be: the caller's clock may lag ours, nothing more. */
export const PRICE_CLOCK_SLACK_MS = 60_000;

/** Prices with effective times: set, in effect at an instant, scheduled; every entry audited. */
export class PriceService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The price of each grade in effect at the station at `at` (default now); none for a station not the caller's. */
  async inEffect(tenantId: string, stationId: string, at?: Date | null): Promise<StoredPrice[]> {
    if (!(await isFuelStationOf(this.db, tenantId, stationId))) return [];
    return pricesInEffect(this.db, tenantId, stationId, at ?? this.now());
  }

  /**
   * Price changes still to take effect, soonest first: the station's own and company-wide ones, or
   * every one when no station is given; none for a station not the caller's.
   */
  async scheduled(tenantId: string, stationId: string | null | undefined, first: number, after?: string | null): Promise<Connection<StoredPrice>> {
    const foreign = Boolean(stationId) && !(await isFuelStationOf(this.db, tenantId, stationId!));
    return timeKeyedPage<StoredPrice>(
      this.db,
      {
        select: PRICE_COLUMNS,
        from: 'fueling.price p',
        where: 'NOT $4::boolean AND p.tenant_id = $1 AND p.effective_at > $2 AND ($3::uuid IS NULL OR p.station_id = $3 OR p.station_id IS NULL)',
        params: [tenantId, this.now(), foreign ? null : (stationId ?? null), foreign],
        time: 'p.effective_at',
        id: 'p.id',
        direction: 'ASC',
      },
      first,
      after,
    );
  }

  /**
   * Enters a price from `effectiveAt` (default now). Prices are never back-dated: a sale already
   * priced keeps its price. A time up to a minute past is taken as now (the caller's clock), one
   * further back is refused. A scheduled entry not yet in effect may be replaced by one of the same
   * instant (a mistyped announcement); one in effect never is. Audited as `fuel-price.set`.
   */
  set(by: CallerContext, input: SetFuelPriceInput): Promise<StoredPrice> {
    const v = validateInput(setPriceSchema, input);
    const now = this.now();
    if (v.effectiveAt && v.effectiveAt.getTime() < now.getTime() - PRICE_CLOCK_SLACK_MS) {
      throw badInput([{ field: 'effectiveAt', message: 'prices are never back-dated: give an instant from now on (or omit it for now)' }]);
    }
    const effectiveAt = v.effectiveAt && v.effectiveAt > now ? v.effectiveAt : now;
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await ensureDefaultGrades(tx, by.tenantId);
      if ((await unknownGrades(tx, by.tenantId, [v.gradeCode])).length > 0) {
        throw badInput([{ field: 'gradeCode', message: `no grade ${v.gradeCode}: save it with saveFuelGrade first` }]);
      }
      if (v.stationId) await assertFuelStation(tx, by.tenantId, v.stationId);
      const [before] = await tx.query<StoredPrice>(
        `SELECT ${PRICE_COLUMNS} FROM fueling.price p WHERE p.tenant_id = $1 AND p.grade_code = $2 AND p.station_id IS NOT DISTINCT FROM $3::uuid AND p.effective_at = $4 FOR UPDATE`,
        [by.tenantId, v.gradeCode, v.stationId ?? null, effectiveAt],
      );
      if (before && before.effectiveAt <= now) throw taken(v.gradeCode, effectiveAt);
      const [saved] = before
        ? await tx.query<StoredPrice>(
            `UPDATE fueling.price p SET unit_price_minor = $2, created_by = $3, created_at = now() WHERE p.id = $1 RETURNING ${PRICE_COLUMNS}`,
            [before.id, v.unitPriceMinor, actorOf(by)],
          )
        : await tx
            .query<StoredPrice>(
              `INSERT INTO fueling.price AS p (tenant_id, grade_code, station_id, unit_price_minor, effective_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)
               RETURNING ${PRICE_COLUMNS}`,
              [by.tenantId, v.gradeCode, v.stationId ?? null, v.unitPriceMinor, effectiveAt, actorOf(by)],
            )
            .catch((err: unknown) => {
              if (isUniqueViolation(err)) throw taken(v.gradeCode, effectiveAt);
              throw err;
            });
      const scope = v.stationId ? `station:${v.stationId}` : 'company';
      await auditChange(em, by, 'fueling', 'fuel-price.set', `fuel-price:${v.gradeCode}:${scope}`, { before: before ?? null, after: saved });
      return saved!;
    });
  }
}

const taken = (grade: string, at: Date) =>
  new HearthError('CONFLICT', `A price of ${grade} there already took effect at ${at.toISOString()}: set the new price from now or later.`, {
    field: 'effectiveAt',
  });
