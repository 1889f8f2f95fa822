import { describe, expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from './seeded-random';
import { decideCardAuthorization, type AuthRequestFacts, type CardFacts, type CardLimitUse } from './fuel-card-rules';

type Rand = SeededRandom;

const CASES = 5_000;

/** A cap and its use, drawn so that "1 fen/ml left", "exactly used up" and "over" come up often. */
function capAndUse(rand: Rand, scale: number): [cap: number, used: number] {
  const cap = rand.int(0, scale);
  const used = rand.pick([0, cap - 1, cap, cap + 1, rand.int(0, cap), cap - rand.int(0, 1_000)]);
  return [cap, Math.max(0, used)];
}

function randomLimit(rand: Rand): CardLimitUse {
  const [maxAmount, usedAmount] = capAndUse(rand, 200_000);
  const [maxVolume, usedVolume] = capAndUse(rand, 300_000);
  const kind = rand.int(0, 2);
  return {
    period: rand.pick(['DAY', 'WEEK', 'MONTH', 'LIFETIME'] as const),
    maxAmountMinor: kind !== 1 ? maxAmount : null,
    maxVolumeMl: kind !== 0 ? maxVolume : null,
    usedAmountMinor: usedAmount,
    usedVolumeMl: usedVolume,
    scope: rand.pick(['CARD', 'MASTER'] as const),
  };
}

/** The least the card could pay, computed apart from the rule: BigInt, one division per cap. */
function reference(card: CardFacts, price: number): { byLimits: bigint | null; byMoney: bigint } {
  let byLimits: bigint | null = null;
  const least = (v: bigint) => (byLimits = byLimits === null || v < byLimits ? v : byLimits);
  for (const l of card.limits) {
    if (l.maxAmountMinor !== null) least(BigInt(Math.max(0, l.maxAmountMinor - l.usedAmountMinor)));
    if (l.maxVolumeMl !== null) least((BigInt(Math.max(0, l.maxVolumeMl - l.usedVolumeMl)) * BigInt(price)) / 1000n);
  }
  return { byLimits, byMoney: BigInt(Math.max(0, card.availableMinor)) };
}

describe('decideCardAuthorization over random cards', () => {
  it('never authorises past any limit, the money available or the preset, and authorises all of it otherwise', () => {
    const rand = seededRandom(0x1c_ca4d);
    const problems: string[] = [];
    let authorised = 0;
    let refusedForMoney = 0;
    for (let i = 0; i < CASES; i++) {
      const limits = Array.from({ length: rand.int(0, 4) }, () => randomLimit(rand));
      const card: CardFacts = {
        status: 'ACTIVE',
        blacklisted: false,
        expiresOn: null,
        allowedGrades: null,
        allowedStations: null,
        plate: null,
        limits,
        availableMinor: rand.pick([rand.int(-10_000, 300_000), rand.int(0, 200), 100, 99]),
      };
      const price = rand.int(1, 1_500);
      const request: AuthRequestFacts = {
        gradeCode: '92',
        stationId: 'st-1',
        plate: null,
        presetMinor: rand.next() < 0.3 ? rand.int(1, 50_000) : null,
        unitPriceMinor: price,
        at: new Date('2026-06-15T04:00:00Z'),
        timeZone: 'Asia/Shanghai',
      };
      const minimumMinor = rand.pick([1, 100, 500]);
      const decision = decideCardAuthorization(card, request, { minimumMinor });
      const { byLimits, byMoney } = reference(card, price);
      const capacity = byLimits !== null && byLimits < byMoney ? byLimits : byMoney;
      const show = () => JSON.stringify({ card, request, minimumMinor, decision });

      if (decision.action === 'REFUSE') {
        refusedForMoney += 1;
        const expected = byLimits !== null && byLimits <= byMoney ? 'LIMIT_REACHED' : 'INSUFFICIENT_FUNDS';
        if (capacity >= BigInt(minimumMinor) || decision.reason !== expected) problems.push(`wrong refusal: ${show()}`);
        continue;
      }
      authorised += 1;
      const granted = decision.limitMinor;
      if (!Number.isSafeInteger(granted) || granted < 1) problems.push(`not a positive integer: ${show()}`);
      if (granted > card.availableMinor) problems.push(`past the money available: ${show()}`);
      if (request.presetMinor !== null && granted > request.presetMinor) problems.push(`past the preset: ${show()}`);
      for (const l of limits) {
        if (l.maxAmountMinor !== null && l.usedAmountMinor + granted > l.maxAmountMinor) problems.push(`past a money limit: ${show()}`);
        // The volume the pump may deliver for `granted` at `price` must fit in what the cap has left.
        if (l.maxVolumeMl !== null && BigInt(granted) * 1000n > BigInt(l.maxVolumeMl - l.usedVolumeMl) * BigInt(price))
          problems.push(`past a volume limit: ${show()}`);
      }
      const whole = request.presetMinor !== null && BigInt(request.presetMinor) < capacity ? BigInt(request.presetMinor) : capacity;
      if (BigInt(granted) !== whole) problems.push(`not the whole of what the card may pay: ${show()}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // The draw must reach both sides, or the property proves little.
    expect(authorised).toBeGreaterThan(500);
    expect(refusedForMoney).toBeGreaterThan(500);
  });
});
