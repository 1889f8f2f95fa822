import type { CylinderState } from '@hearth/platform/domain';

/**
 * What the cylinders registry says of one cylinder, as its twin needs it (the cylinders service's
 * `cylinders.cylinder_twin_facts` view: its contract, not its tables).
 */
export interface CylinderFacts {
  cylinderId: string;
  tenantId: string;
  state: CylinderState;
  /** The site it is at; null in transit or at a customer. */
  locationSiteId: string | null;
  /** The customer holding it (AT_CUSTOMER); null otherwise. */
  holderCustomerId: string | null;
  lastFilledAt: Date | null;
  /** Net gas put in at its last fill, kg. */
  lastNetKg: number | null;
  /** YYYY-MM-DD: it may be used up to and including this day. */
  nextInspectionDue: string;
  /** YYYY-MM-DD: the last day of its design life. */
  designLifeEnds: string;
  specCode: string;
  /** The spec's empty weight, kg: what the base weighs beyond it is gas. */
  nominalTareKg: number;
  /** The spec's maximum fill, kg (TSG 23-2021): a full cylinder's gas. */
  maxFillKg: number;
}

export interface RemainingGas {
  /** Gross weight less the spec's tare, never below 0; null when the tare is not known. */
  remainingKg: number | null;
  /** Of the spec's maximum fill (above 100 for an overfilled cylinder); null when not known. */
  remainingPercent: number | null;
}

/**
 * The gas left, from the weight on the base and the spec's nominal tare. A cylinder's real tare
 * differs from the spec's by a few hundred grams (its stamp, valve, paint), so a reading a little
 * under the tare is an empty cylinder, never negative gas.
 */
export function remainingGas(grossKg: number | null, facts: Pick<CylinderFacts, 'nominalTareKg' | 'maxFillKg'> | null): RemainingGas {
  if (grossKg === null || !facts) return { remainingKg: null, remainingPercent: null };
  const remainingKg = round(Math.max(0, grossKg - facts.nominalTareKg), 1000);
  return { remainingKg, remainingPercent: round((remainingKg / facts.maxFillKg) * 100, 10) };
}

/**
 * Why a cylinder may no longer be in use on `today` (YYYY-MM-DD in the trade's calendar), as the
 * filling check decides (`fillRefusal`): past the last day of its design life, or overdue for its
 * periodic inspection (TSG 23-2021). Null while it is within both.
 */
export function expiryOf(facts: Pick<CylinderFacts, 'nextInspectionDue' | 'designLifeEnds'>, today: string): 'PAST_DESIGN_LIFE' | 'INSPECTION_OVERDUE' | null {
  if (facts.designLifeEnds < today) return 'PAST_DESIGN_LIFE';
  if (facts.nextInspectionDue < today) return 'INSPECTION_OVERDUE';
  return null;
}

const round = (value: number, per: number) => Math.round(value * per) / per;
