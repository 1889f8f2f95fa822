/**
 * Money rules around prepaid meters besides the tariff: recovering emergency credit from top-ups,
 * and the cap on a landlord's resale mark-up. Percentages may carry two decimals (12.5 %); both
 * rules compute in BigInt hundredths of a percent, so no rounding of a float decides a fen.
 */

/** A percentage in hundredths of a percent (basis points), or null when it has more than two decimals. */
function basisPoints(percent: number): bigint | null {
  const bp = Math.round(percent * 100);
  return Number.isFinite(percent) && Math.abs(bp - percent * 100) < 1e-6 ? BigInt(bp) : null;
}

/**
 * Emergency credit recovered from a top-up: min(outstanding, floor(topUp × sharePercent / 100)).
 * Recovering only a share (as prepayment meters recover debt at a configured rate) leaves the customer credit
 * to use at once; rounding down never takes more than the share. Never negative, never more than
 * the top-up or the debt.
 */
export function emergencyRecovery(topUpMinor: number, outstandingMinor: number, sharePercent: number): number {
  if (!Number.isSafeInteger(topUpMinor) || !Number.isSafeInteger(outstandingMinor))
    throw new RangeError('emergencyRecovery: topUpMinor and outstandingMinor must be safe integers (minor units)');
  const bp = basisPoints(sharePercent);
  if (bp === null || bp < 0n || bp > 10_000n) throw new RangeError('emergencyRecovery: sharePercent must be 0–100 with at most two decimals');
  if (topUpMinor <= 0 || outstandingMinor <= 0) return 0;
  const share = Number((BigInt(topUpMinor) * bp) / 10_000n);
  return Math.min(outstandingMinor, share);
}

/**
 * Landlord resale (转供电): a price above official × (1 + capPercent / 100) is refused, as provinces
 * that cap the mark-up of electricity resold by a landlord require; null cap: none configured.
 */
export function resaleMarkupProblem(priceE4: number, officialPriceE4: number, capPercent: number | null): string | null {
  if (!Number.isSafeInteger(priceE4) || priceE4 < 0) return 'the price must be a non-negative safe integer (ten-thousandths of the currency unit)';
  if (capPercent === null) return null;
  if (!Number.isSafeInteger(officialPriceE4) || officialPriceE4 < 0) return 'the official price must be a non-negative safe integer';
  const bp = basisPoints(capPercent);
  if (bp === null || bp < 0n) return 'the mark-up cap must be a non-negative percentage with at most two decimals';
  // price > official × (10000 + bp) / 10000, in integers.
  if (BigInt(priceE4) * 10_000n > BigInt(officialPriceE4) * (10_000n + bp)) {
    const most = (BigInt(officialPriceE4) * (10_000n + bp)) / 10_000n;
    return `the price ${priceE4} exceeds the official ${officialPriceE4} plus the ${capPercent} % cap on resale mark-up (at most ${most})`;
  }
  return null;
}
