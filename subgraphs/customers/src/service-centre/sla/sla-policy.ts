import { z } from 'zod';
import { ServiceOrderType } from '../service-order.enums';
import { CLOCK, isTimeZone } from './zoned-time';

/**
 * How a type's deadline is set, from when its clock starts. Wall-clock times (`HH:MM`) are read in
 * the tenant's time zone.
 * - WITHIN: a fixed allowance, day and night.
 * - BUSINESS_HOURS: the allowance when reported between `opens` and `closes`; otherwise by
 *   `afterHoursBy` on the next morning (after `closes`: the next day; before `opens`: the same day).
 * - SAME_DAY_BY: by `by` the same day; reported at or after `by`, by `by` the next day.
 * - SLOT_END: by the end of the requested time slot on the requested date (none without them).
 * - NONE: no deadline.
 */
export type SlaRule =
  | { kind: 'WITHIN'; minutes: number }
  | { kind: 'BUSINESS_HOURS'; minutes: number; opens: string; closes: string; afterHoursBy: string }
  | { kind: 'SAME_DAY_BY'; by: string }
  | { kind: 'SLOT_END' }
  | { kind: 'NONE' };

export interface SlaPolicy {
  /** IANA time zone of the company's commitments. */
  timeZone: string;
  rules: Record<ServiceOrderType, SlaRule>;
  /** The warning window before a deadline: this share of the order's allowance… */
  warningShare: number;
  /** …and never less than this. */
  minWarningMinutes: number;
}

/**
 * The commitments Chinese gas companies publish (DOMAIN.md, "What the field asks for"): leak calls
 * attended within 30 min around the clock; indoor faults within 4 h, those reported after 19:00 by
 * noon the next day; callbacks by 21:00 the same day. Companies differ (some say 1 h for leaks):
 * each tenant may override any of them (`customers.service_sla_policy`).
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  timeZone: 'Asia/Shanghai',
  rules: {
    GAS_SMELL: { kind: 'WITHIN', minutes: 30 },
    REPAIR: { kind: 'BUSINESS_HOURS', minutes: 240, opens: '08:00', closes: '19:00', afterHoursBy: '12:00' },
    CALLBACK: { kind: 'SAME_DAY_BY', by: '21:00' },
    DELIVERY: { kind: 'SLOT_END' },
    PICKUP: { kind: 'SLOT_END' },
    CARE_CALL: { kind: 'SLOT_END' },
    COMPLAINT: { kind: 'WITHIN', minutes: 24 * 60 },
    SUGGESTION: { kind: 'NONE' },
  },
  warningShare: 0.2,
  minWarningMinutes: 5,
};

const clock = z.string().regex(CLOCK, 'a time as HH:MM');
const minutes = z
  .number()
  .int()
  .min(1)
  .max(30 * 24 * 60);
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('WITHIN'), minutes }),
  z.object({ kind: z.literal('BUSINESS_HOURS'), minutes, opens: clock, closes: clock, afterHoursBy: clock }).refine((r) => r.opens < r.closes, {
    message: 'opens must be before closes',
  }),
  z.object({ kind: z.literal('SAME_DAY_BY'), by: clock }),
  z.object({ kind: z.literal('SLOT_END') }),
  z.object({ kind: z.literal('NONE') }),
]);

/** A tenant's overrides, as stored: anything left out keeps its default. */
export const slaOverridesSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai').optional(),
  rules: z.partialRecord(z.enum(ServiceOrderType), ruleSchema).optional(),
  warningShare: z.number().min(0).max(1).optional(),
  minWarningMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
});
export type SlaOverrides = z.infer<typeof slaOverridesSchema>;

/** The defaults with a tenant's overrides applied. */
export const policyWith = (overrides: SlaOverrides = {}): SlaPolicy => ({
  ...DEFAULT_SLA_POLICY,
  ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  rules: { ...DEFAULT_SLA_POLICY.rules, ...(overrides.rules as Partial<SlaPolicy['rules']> | undefined) },
});
