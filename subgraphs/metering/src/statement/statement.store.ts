import type { Queryable } from '@hearth/platform/db';
import { METERING_TIME_ZONE } from '@hearth/platform/domain';
import type { MeterKind } from '../meter/meter.enums';

/** Charge statuses whose consumption was charged (the others are recorded, never charged). */
const CHARGED = `status IN ('CHARGED', 'UNFUNDED')`;
/** Readings that moved the baseline: a BEHIND reading says nothing of the register then. */
const ACCEPTED = `status <> 'BEHIND'`;
const ZONE = `'${METERING_TIME_ZONE}'`;

/** The instants a local period starts and ends: a day, or the month of `day`. */
export async function periodBounds(q: Queryable, day: string, month: boolean): Promise<{ from: Date; to: Date; day: string }> {
  const unit = month ? 'month' : 'day';
  const [row] = await q.query<{ from: Date; to: Date; day: string }>(
    `SELECT (d::timestamp AT TIME ZONE ${ZONE}) AS from, ((d + interval '1 ${unit}')::timestamp AT TIME ZONE ${ZONE}) AS to, to_char(d, 'YYYY-MM-DD') AS day
       FROM (SELECT date_trunc('${unit}', $1::date)::date AS d) p`,
    [day],
  );
  return row!;
}

/** The register of the newest accepted reading before an instant, milli-units. */
const registerBefore = (at: string) =>
  `(SELECT c.register_milli FROM metering.charge c WHERE c.tenant_id = m.tenant_id AND c.meter_id = m.id AND c.observed_at < ${at} AND c.${ACCEPTED}
     ORDER BY c.observed_at DESC LIMIT 1)::float8 / 1000`;

export interface MeterPeriodRow {
  meterId: string;
  name: string;
  kind: MeterKind;
  openingRegister: number | null;
  closingRegister: number | null;
  consumed: number;
  readings: number;
  chargedMinor: number;
  paidMinor: number;
  unfundedMinor: number;
}

/** Registers, consumption and money of meters (`where` over `metering.meter m`, parameters from $3) between $1 and $2. */
export function meterPeriods(q: Queryable, from: Date, to: Date, where: string, params: unknown[]): Promise<MeterPeriodRow[]> {
  return q.query<MeterPeriodRow>(
    `SELECT m.id::text AS "meterId", m.name, m.kind, ${registerBefore('$1')} AS "openingRegister", ${registerBefore('$2')} AS "closingRegister",
            coalesce(s.consumed, 0)::float8 / 1000 AS consumed, coalesce(s.readings, 0)::int AS readings, coalesce(s.charged, 0)::float8 AS "chargedMinor",
            coalesce(s.paid, 0)::float8 AS "paidMinor", coalesce(s.charged - s.paid, 0)::float8 AS "unfundedMinor"
       FROM metering.meter m
       LEFT JOIN LATERAL (
         SELECT sum(c.consumed_milli) FILTER (WHERE c.${CHARGED}) AS consumed, count(*) AS readings, sum(c.amount_minor) AS charged, sum(c.paid_minor) AS paid
           FROM metering.charge c WHERE c.tenant_id = m.tenant_id AND c.meter_id = m.id AND c.observed_at >= $1 AND c.observed_at < $2
       ) s ON true
      WHERE ${where} ORDER BY m.name, m.id`,
    [from, to, ...params],
  );
}

export interface WalletPeriod {
  openingBalanceMinor: number;
  closingBalanceMinor: number;
  topUpsMinor: number;
  chargesPostedMinor: number;
}

/**
 * The wallet over the period by posting time: its balance before the start and before the end (the
 * newest entry's balance after), its top-ups, and this meter's charges as posted.
 */
export async function walletPeriod(q: Queryable, tenantId: string, accountId: string, meterId: string, from: Date, to: Date): Promise<WalletPeriod> {
  const balanceBefore = (at: string) =>
    `coalesce((SELECT e.balance_after_minor FROM ledger.entry e WHERE e.account_id = $2 AND e.created_at < ${at} ORDER BY e.created_at DESC, e.id DESC LIMIT 1), 0)::float8`;
  const [row] = await q.query<WalletPeriod>(
    `SELECT ${balanceBefore('$3')} AS "openingBalanceMinor", ${balanceBefore('$4')} AS "closingBalanceMinor",
            coalesce(sum(e.amount_minor) FILTER (WHERE j.kind = 'TOP_UP'), 0)::float8 AS "topUpsMinor",
            coalesce(-sum(e.amount_minor) FILTER (WHERE j.kind = 'METER_CHARGE' AND j.metadata->>'meterId' = $5), 0)::float8 AS "chargesPostedMinor"
       FROM ledger.entry e JOIN ledger.journal j ON j.tenant_id = e.tenant_id AND j.id = e.journal_id
      WHERE e.tenant_id = $1 AND e.account_id = $2 AND e.created_at >= $3 AND e.created_at < $4`,
    [tenantId, accountId, from, to, meterId],
  );
  return row!;
}

/** Consumption and charges of a meter summed by hour or by local day, by reading time. */
export function consumptionBuckets(q: Queryable, tenantId: string, meterId: string, from: Date, to: Date, bucket: 'HOUR' | 'DAY') {
  // Company time has no daylight saving: days start at local midnight, an origin at +08:00.
  return q.query<{ at: Date; consumed: number; amountMinor: number }>(
    `SELECT time_bucket(interval '1 ${bucket === 'HOUR' ? 'hour' : 'day'}', observed_at, origin => '2000-01-01 00:00:00+08'::timestamptz) AS at,
            coalesce(sum(consumed_milli) FILTER (WHERE ${CHARGED}), 0)::float8 / 1000 AS consumed, coalesce(sum(amount_minor), 0)::float8 AS "amountMinor"
       FROM metering.charge WHERE tenant_id = $1 AND meter_id = $2 AND observed_at >= $3 AND observed_at < $4
      GROUP BY 1 ORDER BY 1`,
    [tenantId, meterId, from, to],
  );
}

export interface Reconciliation {
  reportedAt: Date | null;
  meterRemainingMinor: number | null;
  ledgerBalanceMinor: number | null;
}

/**
 * The newest reading that carried the meter's own remaining money (twins.meter_reading, the
 * contract), and the wallet's balance once that reading was charged: its debit's balance after, or
 * the newest entry of the wallet before it was charged (nothing to charge), else the balance now.
 */
export async function reconciliation(q: Queryable, tenantId: string, meterId: string, accountId: string | null): Promise<Reconciliation> {
  const [row] = await q.query<Reconciliation>(
    `SELECT r.observed_at AS "reportedAt", r.remaining_money_minor::float8 AS "meterRemainingMinor",
            coalesce(c.balance_after_minor,
                     (SELECT e.balance_after_minor FROM ledger.entry e WHERE e.account_id = $3 AND e.created_at <= coalesce(c.charged_at, now())
                       ORDER BY e.created_at DESC, e.id DESC LIMIT 1),
                     (SELECT a.balance_minor FROM ledger.account a WHERE a.id = $3))::float8 AS "ledgerBalanceMinor"
       FROM twins.meter_reading r
       LEFT JOIN metering.charge c ON c.tenant_id = r.tenant_id AND c.meter_id = r.meter_id AND c.observed_at = r.observed_at
      WHERE r.tenant_id = $1 AND r.meter_id = $2 AND r.remaining_money_minor IS NOT NULL
      ORDER BY r.observed_at DESC LIMIT 1`,
    [tenantId, meterId, accountId],
  );
  return row ?? { reportedAt: null, meterRemainingMinor: null, ledgerBalanceMinor: null };
}
