/**
 * Fuel prices with effective times (调价): a price change is announced ahead and takes effect at
 * an instant (China's NDRC adjustments take effect at 24:00 of the announced day), so prices are
 * never overwritten, only appended with the instant they start. The fueling subgraph prices an
 * authorisation and checks a settled sale with the same rule; the pump twins show the price due.
 */
export interface PriceEntry {
  gradeCode: string;
  /** null: every station of the company. */
  stationId: string | null;
  /** Fen per litre. */
  unitPriceMinor: number;
  effectiveAt: Date;
}

/**
 * The unit price of a grade at a station at an instant; null when no price was in effect yet.
 *
 * The newest entry in effect wins (effectiveAt ≤ at: a price is in effect from its very instant).
 * A station's own price beats the company-wide one only when it is at least as new: a company
 * price change announced after a station's special price replaces it, as a national adjustment
 * replaces every local one; a station keeps its own price by entering it again. On a tie in
 * time and scope, the entry later in the list (recorded later, a correction) wins.
 */
export function priceAt(prices: readonly PriceEntry[], gradeCode: string, stationId: string, at: Date): number | null {
  let best: PriceEntry | null = null;
  const when = at.getTime();
  for (const entry of prices) {
    if (entry.gradeCode !== gradeCode) continue;
    if (entry.stationId !== null && entry.stationId !== stationId) continue;
    const t = entry.effectiveAt.getTime();
    if (t > when) continue;
    if (best === null || isPreferred(entry, best)) best = entry;
  }
  return best === null ? null : best.unitPriceMinor;
}

/** Whether `entry` (met later in the list) wins over `best`: newer, or as new and no less specific. */
function isPreferred(entry: PriceEntry, best: PriceEntry): boolean {
  const t = entry.effectiveAt.getTime();
  const b = best.effectiveAt.getTime();
  if (t !== b) return t > b;
  return entry.stationId !== null || best.stationId === null;
}
