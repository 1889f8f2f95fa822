import { actorOf, badInput, type CallerContext } from '@hearth/platform';
import { changedFields, recordAudit } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import { supplyPolicyProblem, type SupplyPolicy } from '@hearth/platform/domain';
import { localDate, validateInput } from '@hearth/platform/graphql';
import { z } from 'zod';
import type { MeteringPolicy, ReconnectAction, SetMeteringPolicyInput } from './supply.types';
import { saveSupplyPolicy, supplyPolicyOf, type StoredSupplyPolicy } from './supply-policy.store';

const minor = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time as HH:MM');
const inputSchema = z.object({
  alarm1Minor: minor.nullish(),
  alarm2Minor: minor.nullish(),
  emergencyCreditMinor: minor.min(0).nullish(),
  emergencyRecoverySharePercent: z.number().min(0).max(100).nullish(),
  reconnectMinor: minor.nullish(),
  reconnectAction: z.enum(['ALLOW_CLOSE', 'CLOSE']).nullish(),
  friendlyNights: z.object({ from: hhmm, to: hhmm }).nullish(),
  noFriendlyNights: z.boolean().nullish(),
  friendlyWeekends: z.boolean().nullish(),
  friendlyHolidays: z.boolean().nullish(),
  holidays: z.array(localDate).max(366).nullish(),
});

export const toMeteringPolicy = ({ policy, holidays, updatedAt }: StoredSupplyPolicy): MeteringPolicy => ({
  alarm1Minor: policy.alarm1Minor,
  alarm2Minor: policy.alarm2Minor,
  emergencyCreditMinor: policy.emergencyCreditMinor,
  emergencyRecoverySharePercent: policy.emergencyRecoverySharePercent,
  reconnectMinor: policy.reconnectMinor,
  reconnectAction: policy.reconnectAction as ReconnectAction,
  friendlyNights: policy.friendly.nights ?? null,
  friendlyWeekends: policy.friendly.weekends,
  friendlyHolidays: policy.friendly.holidays,
  holidays,
  updatedAt,
});

/**
 * Changes the company's supply policy (what is left out stays), checked as a whole by the rules
 * (`supplyPolicyProblem`: alarm 1 ≥ alarm 2 ≥ the floor (zero) < reconnection; a recovery share of
 * 0–100 % with two decimals, above 0 where emergency credit is lent), audited with what
 * changed. Meters are looked at again by the next supply sweep.
 */
export async function setMeteringPolicy(db: Database, by: CallerContext, input: SetMeteringPolicyInput): Promise<MeteringPolicy> {
  const v = validateInput(inputSchema, input);
  return db.transaction(async (tx) => {
    const before = await supplyPolicyOf(tx, by.tenantId, true);
    const p = before.policy;
    const policy: SupplyPolicy = {
      alarm1Minor: v.alarm1Minor ?? p.alarm1Minor,
      alarm2Minor: v.alarm2Minor ?? p.alarm2Minor,
      emergencyCreditMinor: v.emergencyCreditMinor ?? p.emergencyCreditMinor,
      emergencyRecoverySharePercent: v.emergencyRecoverySharePercent ?? p.emergencyRecoverySharePercent,
      reconnectMinor: v.reconnectMinor ?? p.reconnectMinor,
      reconnectAction: v.reconnectAction ?? p.reconnectAction,
      friendly: {
        nights: v.noFriendlyNights ? null : (v.friendlyNights ?? p.friendly.nights ?? null),
        weekends: v.friendlyWeekends ?? p.friendly.weekends,
        holidays: v.friendlyHolidays ?? p.friendly.holidays,
      },
    };
    const problem = supplyPolicyProblem(policy);
    if (problem) throw badInput([{ field: 'input', message: problem }]);
    const holidays = v.holidays ? [...new Set(v.holidays)].sort() : before.holidays;
    await saveSupplyPolicy(tx, by.tenantId, { policy, holidays }, actorOf(by));
    const changed = changedFields({ ...before.policy, holidays: before.holidays }, { ...policy, holidays });
    await recordAudit(tx, by, { domain: 'metering', action: 'metering-policy.changed', target: null, details: changed ?? {} });
    return toMeteringPolicy(await supplyPolicyOf(tx, by.tenantId));
  });
}
