import type { Queryable } from '@hearth/platform/db';
import type { CylinderHandover, CylinderReturn, HandoverKind } from './handover.types';

export type HandoverRow = Omit<CylinderHandover, 'replayed'> & { kind: HandoverKind };
export type ReturnRow = Omit<CylinderReturn, 'replayed'>;

/** A hand-over as `CylinderHandover` names it (`h` is cylinders.handover). */
export const HANDOVER_COLUMNS = `h.id::text, h.cylinder_id::text AS "cylinderId",
  (SELECT serial FROM cylinders.cylinder WHERE id = h.cylinder_id) AS serial, h.spec_code AS "specCode",
  h.customer_id::text AS "customerId", h.store_id::text AS "storeId", h.kind, h.deposit_minor::float8 AS "depositMinor",
  h.deposit_method AS "depositMethod", h.deposit_journal_id::text AS "depositJournalId", h.loan_due_on::text AS "loanDueOn", h.driver,
  h.gross_kg AS "grossKg", h.expected_gross_kg AS "expectedGrossKg", h.short_kg AS "shortKg", h.short_weight AS "shortWeight",
  h.handed_at AS "handedAt", h.actor, h.idempotency_key AS "idempotencyKey", h.returned_at AS "returnedAt"`;

/** A take-back as `CylinderReturn` names it (`r` is cylinders.cylinder_return). */
export const RETURN_COLUMNS = `r.id::text, r.cylinder_id::text AS "cylinderId", r.customer_id::text AS "customerId", r.handover_id::text AS "handoverId",
  r.store_id::text AS "storeId", r.gross_kg AS "grossKg", r.tare_kg AS "tareKg", r.residual_kg AS "residualKg",
  r.residual_price_per_kg_minor::float8 AS "residualPricePerKgMinor", r.residual_credit_minor::float8 AS "residualCreditMinor",
  r.residual_journal_id::text AS "residualJournalId", r.refund_minor::float8 AS "refundMinor", r.refund_journal_id::text AS "refundJournalId",
  r.returned_at AS "returnedAt"`;

/** The tenant's settings for a spec in force: the residual price (0 unless set) and the short-weight tolerance (the spec's fill tolerance unless set). */
export async function settingsOf(
  tx: Queryable,
  tenantId: string,
  specCode: string,
): Promise<{ residualPricePerKgMinor: number; shortWeightToleranceKg: number }> {
  const [row] = await tx.query<{ residualPricePerKgMinor: number; shortWeightToleranceKg: number }>(
    `SELECT coalesce(h.residual_price_per_kg_minor, 0)::float8 AS "residualPricePerKgMinor",
            coalesce(h.short_weight_tolerance_kg, s.tolerance_kg) AS "shortWeightToleranceKg"
       FROM cylinders.spec s LEFT JOIN cylinders.handover_setting h ON h.tenant_id = s.tenant_id AND h.spec_code = s.code
      WHERE s.tenant_id = $1 AND s.code = $2`,
    [tenantId, specCode],
  );
  return row ?? { residualPricePerKgMinor: 0, shortWeightToleranceKg: 0 };
}

/**
 * A hand-over's weight against the cylinder's last fill: it should weigh its net fill plus the
 * spec's nominal tare; lighter by more than the tolerance is short weight (DOMAIN.md: 缺斤短两, a
 * cylinder lighter at hand-over than at filling). Unknown when not weighed or never filled here.
 */
export function shortWeight(grossKg: number | null, lastNetKg: number | null, tareKg: number, toleranceKg: number) {
  if (grossKg === null || lastNetKg === null)
    return { expectedGrossKg: lastNetKg === null ? null : lastNetKg + tareKg, shortKg: null, toleranceKg, short: false };
  const expectedGrossKg = Math.round((lastNetKg + tareKg) * 1000) / 1000;
  const shortKg = Math.round((expectedGrossKg - grossKg) * 1000) / 1000;
  return { expectedGrossKg, shortKg, toleranceKg, short: shortKg > toleranceKg + 1e-9 };
}

/**
 * Residual gas credit in minor units: grams × price per kg / 1000, rounded half up, in integers so
 * 2.345 kg at 789 fen/kg is exactly 1850 fen (1850.205), never a float's 1850.2049….
 */
export function residualCreditMinor(residualKg: number, pricePerKgMinor: number): number {
  const grams = Math.round(residualKg * 1000);
  return Number((BigInt(grams) * BigInt(pricePerKgMinor) + 500n) / 1000n);
}
