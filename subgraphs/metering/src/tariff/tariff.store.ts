import { notFound } from '@hearth/platform';
import { isUuid, type Queryable } from '@hearth/platform/db';
import type { MeterKind } from '../meter/meter.enums';

/** A row of `metering.tariff`. */
export interface TariffRow {
  id: string;
  kind: MeterKind;
  name: string;
  /** A landlord's resale tariff: prices at most this much above the official price; null: no cap. */
  markupCapPercent: number | null;
  createdAt: Date;
}

/** The columns of `metering.tariff` (aliased `t`) as a `TariffRow`. */
export const TARIFF_COLUMNS = `t.id::text AS id, t.kind, t.name, t.markup_cap_percent::float8 AS "markupCapPercent", t.created_at AS "createdAt"`;

/** The tenant's tariffs among `ids`, keyed as asked; other ids are left out. */
export async function tariffsByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, TariffRow>> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (valid.length === 0) return new Map();
  const rows = await q.query<TariffRow>(`SELECT ${TARIFF_COLUMNS} FROM metering.tariff t WHERE t.tenant_id = $1 AND t.id = ANY($2::uuid[])`, [tenantId, valid]);
  const found = new Map(rows.map((t) => [t.id, t]));
  return new Map(ids.flatMap((id) => (found.has(id.toLowerCase()) ? [[id, found.get(id.toLowerCase())!] as const] : [])));
}

/** One of the caller's tariffs, locked for the transaction (`share`: against change; `update`: to change it): NOT_FOUND for any other id. */
export async function lockTariff(tx: Queryable, tenantId: string, tariffId: string, mode: 'update' | 'share' = 'update'): Promise<TariffRow> {
  const [row] = isUuid(tariffId)
    ? await tx.query<TariffRow>(
        `SELECT ${TARIFF_COLUMNS} FROM metering.tariff t WHERE t.tenant_id = $1 AND t.id = $2 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
        [tenantId, tariffId],
      )
    : [];
  if (!row) throw notFound('Tariff', tariffId);
  return row;
}
