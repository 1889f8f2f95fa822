/**
 * Tier boundaries of a tiered tariff (阶梯电价): the price of each milli-unit depends on how much
 * was consumed before it in the billing period, so one reading's increment that crosses a boundary
 * is split there — the part below at the lower tier's price, the rest at the next.
 */
import type { TariffTier } from './meter-tariffs';

export interface TierShare {
  /** 1 for the first tier (第一档), as tariff notices number them. */
  tier: number;
  consumedMilli: number;
  unitPriceE4: number;
}

/** Splits `consumedMilli`, consumed after `beforeMilli` already in the period, across the tiers (ascending, last unbounded). */
export function splitAcrossTiers(tiers: readonly TariffTier[], beforeMilli: number, consumedMilli: number): TierShare[] {
  const shares: TierShare[] = [];
  const end = beforeMilli + consumedMilli;
  let lower = 0;
  for (const [i, tier] of tiers.entries()) {
    const upper = tier.uptoMilli ?? Number.POSITIVE_INFINITY;
    const inTier = Math.min(end, upper) - Math.max(beforeMilli, lower);
    if (inTier > 0) shares.push({ tier: i + 1, consumedMilli: inTier, unitPriceE4: tier.unitPriceE4 });
    lower = upper;
    if (lower >= end) break;
  }
  return shares;
}
