import type { SupplyPolicy } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';

/** A company's supply policy and its holiday calendar (local dates, sorted). */
export interface StoredSupplyPolicy {
  policy: SupplyPolicy;
  holidays: string[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

/**
 * Until a company sets its own: alarm 1 at ¥50, alarm 2 at ¥20, the trip at ¥0 (no emergency
 * credit; where a company lends it, half of each later top-up repays it), reconnection at ¥10 by allowing the customer to close (nobody is surprised by power),
 * and no friendly windows: a meter at its floor trips whenever it gets there, which is what a mall
 * landlord expects; a gas company turns nights and holidays on (`setMeteringPolicy`).
 */
export const DEFAULT_SUPPLY_POLICY: SupplyPolicy = {
  alarm1Minor: 5_000,
  alarm2Minor: 2_000,
  emergencyCreditMinor: 0,
  emergencyRecoverySharePercent: 50,
  reconnectMinor: 1_000,
  reconnectAction: 'ALLOW_CLOSE',
  friendly: { nights: null, weekends: false, holidays: false },
};

interface PolicyRow {
  alarm1Minor: number;
  alarm2Minor: number;
  emergencyCreditMinor: number;
  emergencyRecoverySharePercent: number;
  reconnectMinor: number;
  reconnectAction: SupplyPolicy['reconnectAction'];
  nightsFrom: string | null;
  nightsTo: string | null;
  weekends: boolean;
  holidayWindows: boolean;
  holidays: string[];
  updatedAt: Date;
  updatedBy: string;
}

/** The columns of `metering.supply_policy` (aliased `p`) as a `PolicyRow`. */
export const POLICY_COLUMNS = `p.alarm1_minor::float8 AS "alarm1Minor", p.alarm2_minor::float8 AS "alarm2Minor",
  p.emergency_credit_minor::float8 AS "emergencyCreditMinor",
  p.emergency_recovery_share_percent::float8 AS "emergencyRecoverySharePercent", p.reconnect_minor::float8 AS "reconnectMinor", p.reconnect_action AS "reconnectAction",
  p.friendly_nights_from AS "nightsFrom", p.friendly_nights_to AS "nightsTo", p.friendly_weekends AS weekends, p.friendly_holidays AS "holidayWindows",
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(p.holidays) AS d ORDER BY d) AS holidays, p.updated_at AS "updatedAt", p.updated_by AS "updatedBy"`;

/** A policy row read with `POLICY_COLUMNS` (null: the company has none) as the rules take it. */
export function toStoredPolicy(row: PolicyRow | null | undefined): StoredSupplyPolicy {
  if (!row?.reconnectAction) return { policy: DEFAULT_SUPPLY_POLICY, holidays: [], updatedAt: null, updatedBy: null };
  return {
    policy: {
      alarm1Minor: row.alarm1Minor,
      alarm2Minor: row.alarm2Minor,
      emergencyCreditMinor: row.emergencyCreditMinor,
      emergencyRecoverySharePercent: row.emergencyRecoverySharePercent,
      reconnectMinor: row.reconnectMinor,
      reconnectAction: row.reconnectAction,
      friendly: {
        nights: row.nightsFrom && row.nightsTo ? { from: row.nightsFrom, to: row.nightsTo } : null,
        weekends: row.weekends,
        holidays: row.holidayWindows,
      },
    },
    holidays: row.holidays,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export async function supplyPolicyOf(q: Queryable, tenantId: string, lock = false): Promise<StoredSupplyPolicy> {
  const [row] = await q.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM metering.supply_policy p WHERE p.tenant_id = $1${lock ? ' FOR UPDATE' : ''}`, [
    tenantId,
  ]);
  return toStoredPolicy(row);
}

export async function saveSupplyPolicy(tx: Queryable, tenantId: string, stored: { policy: SupplyPolicy; holidays: string[] }, by: string): Promise<void> {
  const { policy } = stored;
  await tx.query(
    `INSERT INTO metering.supply_policy AS p (tenant_id, alarm1_minor, alarm2_minor, emergency_credit_minor, reconnect_minor, reconnect_action,
                                              friendly_nights_from, friendly_nights_to, friendly_weekends, friendly_holidays, holidays, updated_at, updated_by,
                                              emergency_recovery_share_percent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date[], now(), $12, $13)
     ON CONFLICT (tenant_id) DO UPDATE SET alarm1_minor = excluded.alarm1_minor, alarm2_minor = excluded.alarm2_minor,
       emergency_credit_minor = excluded.emergency_credit_minor, reconnect_minor = excluded.reconnect_minor, reconnect_action = excluded.reconnect_action,
       friendly_nights_from = excluded.friendly_nights_from, friendly_nights_to = excluded.friendly_nights_to, friendly_weekends = excluded.friendly_weekends,
       friendly_holidays = excluded.friendly_holidays, holidays = excluded.holidays, updated_at = now(), updated_by = excluded.updated_by,
       emergency_recovery_share_percent = excluded.emergency_recovery_share_percent`,
    [
      tenantId,
      policy.alarm1Minor,
      policy.alarm2Minor,
      policy.emergencyCreditMinor,
      policy.reconnectMinor,
      policy.reconnectAction,
      policy.friendly.nights?.from ?? null,
      policy.friendly.nights?.to ?? null,
      policy.friendly.weekends,
      policy.friendly.holidays,
      stored.holidays,
      by,
      policy.emergencyRecoverySharePercent,
    ],
  );
}
