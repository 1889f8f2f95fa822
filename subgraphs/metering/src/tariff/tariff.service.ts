import { actorOf, badInput, HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, queryableOf, timeKeyedPage, type Database, type Queryable } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MeterKind } from '../meter/meter.enums';
import type { CreateTariffInput, TariffVersionInput } from './tariff.input';
import { lockTariff, TARIFF_COLUMNS, tariffsByIds, type TariffRow } from './tariff.store';
import { versionValues, type VersionValues } from './tariff-structure';
import { tariffVersionsFor, VERSION_COLUMNS, type StoredTariffVersion } from './tariff-versions';

/** How far in the past an `effectiveFrom` may be: the caller's clock may lag ours, nothing more. */
export const TARIFF_CLOCK_SLACK_MS = 60_000;

const createSchema = z.object({
  kind: z.enum(MeterKind, { message: 'ELECTRICITY or GAS' }),
  name: z.string().trim().min(1, 'is empty').max(64, 'at most 64 characters'),
  markupCapPercent: z
    .number()
    .min(0, 'not negative')
    .max(1000, 'at most 1000 %')
    .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-6, 'at most 2 decimals')
    .nullish(),
  effectiveFrom: z.date().nullish(),
});

/** Tariffs and their versions: created, versioned from an instant on (never back-dated), listed; every change audited. */
export class TariffService {
  constructor(
    readonly db: Database,
    private readonly data: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, TariffRow>> {
    return tariffsByIds(this.db, tenantId, ids);
  }

  /** Every version of each tariff among `ids`, oldest first. */
  versionsOf(tenantId: string, ids: readonly string[]): Promise<Map<string, StoredTariffVersion[]>> {
    return tariffVersionsFor(this.db, tenantId, ids);
  }

  /** The company's tariffs in the order they were created (of one kind when given). */
  list(tenantId: string, kind: MeterKind | null | undefined, first: number, after?: string | null): Promise<Connection<TariffRow>> {
    return timeKeyedPage<TariffRow>(
      this.db,
      {
        select: TARIFF_COLUMNS,
        from: 'metering.tariff t',
        where: 't.tenant_id = $1 AND ($2::text IS NULL OR t.kind = $2)',
        params: [tenantId, kind ?? null],
        time: 't.created_at',
        id: 't.id',
        direction: 'ASC',
      },
      first,
      after,
    );
  }

  /** Creates a tariff with its first version (from now, or an instant ahead). Audited as `tariff.created`. */
  create(by: CallerContext, input: CreateTariffInput): Promise<TariffRow> {
    const v = validateInput(createSchema, input);
    const effectiveFrom = this.effectiveFrom(v.effectiveFrom, 'effectiveFrom');
    const values = versionValues(input.version, { markupCapPercent: v.markupCapPercent ?? null }, effectiveFrom);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [tariff] = await tx
        .query<TariffRow>(`INSERT INTO metering.tariff AS t (tenant_id, kind, name, markup_cap_percent) VALUES ($1, $2, $3, $4) RETURNING ${TARIFF_COLUMNS}`, [
          by.tenantId,
          v.kind,
          v.name,
          v.markupCapPercent ?? null,
        ])
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `A tariff named ${v.name} exists already.`, { field: 'name' });
          throw err;
        });
      const version = await insertVersion(tx, by, tariff!.id, effectiveFrom, values);
      await auditChange(em, by, 'metering', 'tariff.created', `tariff:${tariff!.id}`, { ...tariff, version: auditedVersion(version) });
      return tariff!;
    });
  }

  /**
   * Adds a version from `effectiveFrom` (default now). Versions are never back-dated: a reading
   * already charged keeps its price. A time up to a minute past is taken as now (the caller's clock);
   * one further back is refused. A version still to take effect may be corrected by one of the same
   * instant; one in effect never is (CONFLICT). Audited as `tariff-version.added` or `.corrected`.
   */
  addVersion(by: CallerContext, tariffId: string, effectiveFromArg: Date | null | undefined, input: TariffVersionInput): Promise<TariffRow> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      // Whose tariff first: another company's is NOT_FOUND whatever the version says.
      const tariff = await lockTariff(tx, by.tenantId, tariffId);
      const now = this.now();
      const effectiveFrom = this.effectiveFrom(effectiveFromArg, 'effectiveFrom', now);
      const values = versionValues(input, tariff, effectiveFrom);
      const [before] = await tx.query<StoredTariffVersion>(
        `SELECT ${VERSION_COLUMNS} FROM metering.tariff_version v WHERE v.tenant_id = $1 AND v.tariff_id = $2 AND v.effective_from = $3 FOR UPDATE`,
        [by.tenantId, tariff.id, effectiveFrom],
      );
      if (before && before.effectiveFrom <= now) {
        throw new HearthError(
          'CONFLICT',
          `A version of ${tariff.name} took effect at ${effectiveFrom.toISOString()} already: add the new one from now or later.`,
          {
            field: 'effectiveFrom',
          },
        );
      }
      const version = await insertVersion(tx, by, tariff.id, effectiveFrom, values);
      await auditChange(em, by, 'metering', before ? 'tariff-version.corrected' : 'tariff-version.added', `tariff:${tariff.id}`, {
        name: tariff.name,
        before: before ? auditedVersion(before) : null,
        after: auditedVersion(version),
      });
      return tariff;
    });
  }

  /** The instant a version takes effect: now when omitted (or within the clock slack), refused further back. */
  private effectiveFrom(given: Date | null | undefined, field: string, now = this.now()): Date {
    if (given && given.getTime() < now.getTime() - TARIFF_CLOCK_SLACK_MS)
      throw badInput([{ field, message: 'tariffs are never back-dated: give an instant from now on (or omit it for now)' }]);
    return given && given > now ? given : now;
  }
}

async function insertVersion(tx: Queryable, by: CallerContext, tariffId: string, effectiveFrom: Date, values: VersionValues): Promise<StoredTariffVersion> {
  const [version] = await tx.query<StoredTariffVersion>(
    `INSERT INTO metering.tariff_version AS v (tenant_id, tariff_id, effective_from, structure, holidays, official_unit_price_e4, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::date[], $6, $7)
     -- A scheduled version corrected (the caller checked it is not in effect yet): the same row, its id kept.
     ON CONFLICT (tenant_id, tariff_id, effective_from) DO UPDATE
       SET structure = EXCLUDED.structure, holidays = EXCLUDED.holidays, official_unit_price_e4 = EXCLUDED.official_unit_price_e4,
           created_by = EXCLUDED.created_by, created_at = now()
     RETURNING ${VERSION_COLUMNS}`,
    [by.tenantId, tariffId, effectiveFrom, JSON.stringify(values.structure), values.holidays, values.officialUnitPriceE4, actorOf(by)],
  );
  return version!;
}

const auditedVersion = (v: StoredTariffVersion) => ({
  id: v.id,
  effectiveFrom: v.effectiveFrom,
  structure: v.structure,
  holidays: v.holidays,
  officialUnitPriceE4: v.officialUnitPriceE4,
});
