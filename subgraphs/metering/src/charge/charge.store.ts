import type { ChargePiece } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import type { LockedBilling } from './billing.store';
import type { RegisterInput } from './charge-readings';

export type ChargeStatus = 'CHARGED' | 'UNFUNDED' | 'UNCHANGED' | 'BASELINE' | 'BEHIND' | 'RESET' | 'JUMP' | 'UNBOUND';

/** A reading judged: a row of metering.charge (migration 0003 says what each status means). */
export interface ChargeRow extends RegisterInput {
  fromAt: Date | null;
  fromRegisterMilli: number | null;
  consumedMilli: number;
  amountMinor: number;
  paidMinor: number;
  status: ChargeStatus;
  review: boolean;
  pieces: ChargePiece[];
  tariffId: string | null;
  accountId: string | null;
  journalId: string | null;
  balanceAfterMinor: number | null;
}

const piecesJson = (pieces: ChargePiece[]) =>
  JSON.stringify(pieces.map((p) => ({ ...p, from: p.from.toISOString(), to: p.to.toISOString(), costE7: p.costE7.toString() })));

/**
 * The batch's charge rows in one statement. Each reading was found unjudged under its meter's
 * lock, so a clash here is a bug and fails the batch (each meter is then charged on its own).
 */
export async function insertCharges(tx: Queryable, rows: ChargeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ChargeRow) => T) => rows.map(f);
  await tx.query(
    `INSERT INTO metering.charge (tenant_id, meter_id, observed_at, reading_id, register_milli, from_at, from_register_milli, consumed_milli, amount_minor,
                                  paid_minor, status, review, pieces, tariff_id, account_id, journal_id, balance_after_minor, source, received_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::bigint[], $8::bigint[], $9::bigint[],
                          $10::bigint[], $11::text[], $12::boolean[], $13::jsonb[], $14::uuid[], $15::uuid[], $16::uuid[], $17::bigint[], $18::text[], $19::timestamptz[])`,
    [
      col((r) => r.tenantId),
      col((r) => r.meterId),
      col((r) => r.observedKey),
      col((r) => r.readingId),
      col((r) => r.registerMilli),
      col((r) => r.fromAt),
      col((r) => r.fromRegisterMilli),
      col((r) => r.consumedMilli),
      col((r) => r.amountMinor),
      col((r) => r.paidMinor),
      col((r) => r.status),
      col((r) => r.review),
      col((r) => piecesJson(r.pieces)),
      col((r) => r.tariffId),
      col((r) => r.accountId),
      col((r) => r.journalId),
      col((r) => r.balanceAfterMinor),
      col((r) => r.source),
      col((r) => r.receivedAt),
    ],
  );
}

/** The baselines and billing periods the batch moved, in one statement. */
export async function saveBillings(tx: Queryable, billings: LockedBilling[]): Promise<void> {
  if (billings.length === 0) return;
  await tx.query(
    `UPDATE metering.meter_billing b SET baseline_at = u.baseline_at, baseline_register_milli = u.baseline_register_milli, period_start = u.period_start,
            consumed_milli = u.consumed_milli, cost_e7 = u.cost_e7, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::timestamptz[], $5::bigint[], $6::numeric[])
            AS u(meter_id, baseline_at, baseline_register_milli, period_start, consumed_milli, cost_e7)
      WHERE b.meter_id = u.meter_id`,
    [
      billings.map((b) => b.meterId),
      billings.map((b) => b.baselineAt),
      billings.map((b) => b.baselineRegisterMilli),
      billings.map((b) => b.state?.periodStart ?? null),
      billings.map((b) => b.state?.consumedMilli ?? 0),
      billings.map((b) => (b.state?.costE7 ?? 0n).toString()),
    ],
  );
}
