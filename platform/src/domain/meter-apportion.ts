/**
 * Splitting an integer quantity in proportion to weights, exactly: a register reading tells how much
 * was consumed between two instants, not when, so consumption is spread over the interval in
 * proportion to time. Largest remainder (Hamilton's method): every share is the floor of its exact
 * quota, and the units left over go one each to the largest remainders, so the shares are integers
 * that sum to the whole and each is within one unit of its exact quota. BigInt: consumption ×
 * milliseconds passes 2^53 for a long interval.
 */
export function apportionByWeight(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  // No weight at all (a zero-length interval): the whole falls on the first.
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const whole = BigInt(total);
  const divisor = BigInt(sum);
  const quotas = weights.map((w, i) => {
    const scaled = whole * BigInt(w);
    return { i, share: scaled / divisor, remainder: scaled % divisor };
  });
  let left = whole - quotas.reduce((a, q) => a + q.share, 0n);
  // Largest remainder first; on a tie the earlier piece, so the result is deterministic.
  const order = [...quotas].sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const q of order) {
    if (left === 0n) break;
    q.share += 1n;
    left -= 1n;
  }
  return quotas.map((q) => Number(q.share));
}
