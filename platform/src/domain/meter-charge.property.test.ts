import { describe, expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from './seeded-random';
import { chargeInterval, type BillingState, type ReadingCharge } from './meter-charge';
import { TOU_PERIODS, type TariffStructure, type TariffTier, type TariffVersion, type TouPeriod, type TouSlot } from './meter-tariffs';

type Rand = SeededRandom;

const SEQUENCES = 1_500;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Shanghai has kept UTC+8 since 1991: the reference reads local time by plain arithmetic, apart from Intl. */
const SHANGHAI = 8 * HOUR;
const local = (ms: number) => new Date(ms + SHANGHAI);
const monthKey = (ms: number) => local(ms).toISOString().slice(0, 7);
const yearKey = (ms: number) => local(ms).toISOString().slice(0, 4);
const dayKey = (ms: number) => local(ms).toISOString().slice(0, 10);

/** Round half up to the fen of an exact cost in 1e-7 yuan, written apart from the rule under test. */
const fen = (costE7: bigint) => Number((costE7 * 2n + 100_000n) / 200_000n);

/** The cost of a period's whole consumption on tiers, by the tariff notice's formula: each tier's span × its price. */
function tieredCostE7(tiers: readonly TariffTier[], total: number): bigint {
  let cost = 0n;
  let lower = 0;
  for (const tier of tiers) {
    const upper = tier.uptoMilli ?? Infinity;
    if (total > lower) cost += BigInt(Math.min(total, upper) - lower) * BigInt(tier.unitPriceE4);
    lower = upper;
  }
  return cost;
}

function randomTiers(rand: Rand): TariffTier[] {
  const tiers: TariffTier[] = [];
  let bound = 0;
  for (let i = rand.int(0, 3); i > 0; i--) {
    bound += rand.pick([1, rand.int(1, 1_000), rand.int(1, 200_000), rand.int(1, 3_000_000)]);
    tiers.push({ uptoMilli: bound, unitPriceE4: rand.int(0, 20_000) });
  }
  return [...tiers, { uptoMilli: null, unitPriceE4: rand.int(0, 20_000) }];
}

function randomSlots(rand: Rand): TouSlot[] {
  const starts = new Set([0]);
  for (let i = rand.int(0, 6); i > 0; i--) starts.add(rand.pick([rand.int(0, 47) * 30, rand.int(0, 1_439)]));
  return [...starts]
    .sort((a, b) => a - b)
    .map((m) => ({ from: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, period: rand.pick(TOU_PERIODS) }));
}

function randomTou(rand: Rand): Extract<TariffStructure, { type: 'TOU' }> {
  const prices = Object.fromEntries(TOU_PERIODS.map((p) => [p, rand.int(0, 20_000)])) as Record<TouPeriod, number>;
  return {
    type: 'TOU',
    prices,
    weekday: randomSlots(rand),
    ...(rand.next() < 0.6 ? { weekend: randomSlots(rand) } : {}),
    ...(rand.next() < 0.6 ? { holiday: randomSlots(rand) } : {}),
  };
}

/** The TOU period of a minute, by a plain scan of the schedule the reference picks itself. */
function referencePeriod(structure: Extract<TariffStructure, { type: 'TOU' }>, holidays: ReadonlySet<string>, ms: number): TouPeriod {
  const wall = local(ms);
  const weekday = wall.getUTCDay();
  const schedule =
    structure.holiday && holidays.has(dayKey(ms))
      ? structure.holiday
      : structure.weekend && (weekday === 0 || weekday === 6)
        ? structure.weekend
        : structure.weekday;
  const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  let period = schedule[0]!.period;
  for (const slot of schedule) if (Number(slot.from.slice(0, 2)) * 60 + Number(slot.from.slice(3)) <= minute) period = slot.period;
  return period;
}

interface Sequence {
  kind: 'FLAT' | 'TIERED' | 'TOU';
  versions: TariffVersion[];
  readings: { at: number; consumedMilli: number }[];
}

function randomSequence(rand: Rand): Sequence {
  // Mostly near the turn of a month or the year, so billing periods roll over often.
  const start = Date.UTC(2026, rand.pick([0, 5, 11]), rand.int(1, 31), rand.int(0, 23), rand.int(0, 59)) - SHANGHAI;
  const kind = rand.pick(['FLAT', 'TIERED', 'TOU'] as const);
  const onGrid = kind === 'TOU'; // the TOU reference counts whole minutes
  const readings: Sequence['readings'] = [];
  let at = start;
  for (let n = rand.int(1, 12); n > 0; n--) {
    const step = rand.pick([
      0,
      MINUTE,
      15 * MINUTE,
      15 * MINUTE,
      rand.int(1, 6) * HOUR,
      rand.int(1, kind === 'TOU' ? 3 : 40) * DAY + rand.int(0, 1_439) * MINUTE,
    ]);
    at += onGrid ? step : step + (step > 0 ? rand.int(0, 59_999) : 0);
    readings.push({ at, consumedMilli: rand.pick([0, 1, rand.int(1, 2_000), rand.int(1, 500_000), rand.int(1, 5_000_000)]) });
  }
  const structure = (): TariffStructure =>
    kind === 'FLAT'
      ? { type: 'FLAT', unitPriceE4: rand.int(0, 20_000) }
      : kind === 'TOU'
        ? randomTou(rand)
        : { type: 'TIERED', billingPeriod: rand.pick(['MONTH', 'YEAR'] as const), tiers: randomTiers(rand) };
  const holidays = Array.from({ length: rand.int(0, 5) }, () => dayKey(start + rand.int(0, 60) * DAY));
  const versions: TariffVersion[] = [{ effectiveFrom: new Date(start - DAY), structure: structure(), holidays }];
  // A price change inside the sequence for flat and TOU tariffs (tiered ones keep theirs: the reference sums a period's tiers once).
  if (kind !== 'TIERED' && rand.next() < 0.5) versions.push({ effectiveFrom: new Date(rand.int(start, at)), structure: structure(), holidays });
  return { kind, versions, readings };
}

describe('chargeInterval over random reading sequences', () => {
  it("charges each billing period exactly its tariff applied to its whole consumption, and apportions each reading's consumption by time", () => {
    const rand = seededRandom(0x16_e7e7);
    const problems: string[] = [];
    let rollovers = 0;
    let tierCrossings = 0;
    let touSplits = 0;
    for (let s = 0; s < SEQUENCES && problems.length < 3; s++) {
      const sequence = randomSequence(rand);
      const { kind, versions, readings } = sequence;
      const show = (what: string, extra: unknown = null) =>
        `${what}: ${JSON.stringify({ s, sequence, extra }, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
      const versionAt = (ms: number) => [...versions].reverse().find((v) => v.effectiveFrom.getTime() <= ms)!;
      const first = versions[0]!.structure;
      const periodKey = first.type === 'TIERED' && first.billingPeriod === 'YEAR' ? yearKey : monthKey;
      // Per billing period: charged money, and consumption per price (version × TOU period, or the tier structure's total).
      const charged = new Map<string, number>();
      const consumedByPrice = new Map<string, Map<string, { consumed: number; price: number }>>();
      let billing: BillingState | null = null;
      let from = readings[0]!.at - 15 * MINUTE;
      for (const reading of readings) {
        let result: ReadingCharge;
        try {
          result = chargeInterval({ versions, from: new Date(from), to: new Date(reading.at), consumedMilli: reading.consumedMilli, billing });
        } catch (error) {
          problems.push(show(`threw ${String(error)}`, reading));
          break;
        }
        if (result.byPeriod.length > 1) rollovers += 1;
        if (new Set(result.pieces.map((p) => p.tier)).size > 1) tierCrossings += 1;
        if (new Set(result.pieces.map((p) => p.period)).size > 1) touSplits += 1;
        const sum = result.pieces.reduce((a, p) => a + p.consumedMilli, 0);
        if (sum !== reading.consumedMilli) problems.push(show('pieces do not add up to the reading', result));
        if (result.byPeriod.reduce((a, p) => a + p.amountMinor, 0) !== result.amountMinor) problems.push(show('byPeriod does not add up', result));
        for (const p of result.byPeriod) {
          const key = periodKey(p.periodStart.getTime());
          charged.set(key, (charged.get(key) ?? 0) + p.amountMinor);
        }
        const span = reading.at - from;
        for (const piece of result.pieces) {
          const [a, b] = [piece.from.getTime(), piece.to.getTime()];
          const last = Math.max(a, b - 1);
          // A piece lies in one billing period and under one version, and is priced by it.
          if (periodKey(a) !== periodKey(last) || versionAt(a) !== versionAt(last)) problems.push(show('a piece crosses a period or version', piece));
          const structure = versionAt(a).structure;
          const key = `${versions.indexOf(versionAt(a))}:${piece.period ?? ''}`;
          const byPrice = consumedByPrice.get(periodKey(a)) ?? new Map<string, { consumed: number; price: number }>();
          consumedByPrice.set(periodKey(a), byPrice);
          const entry = byPrice.get(key) ?? { consumed: 0, price: piece.unitPriceE4 };
          entry.consumed += piece.consumedMilli;
          byPrice.set(key, entry);
          if (structure.type === 'FLAT' && piece.unitPriceE4 !== structure.unitPriceE4) problems.push(show('flat piece at another price', piece));
          if (structure.type === 'TOU') {
            const holidays = new Set(versionAt(a).holidays ?? []);
            for (let m = a; m < b; m += MINUTE) {
              if (referencePeriod(structure, holidays, m) !== piece.period) problems.push(show('TOU piece holds a minute of another period', { piece, m }));
            }
            if (piece.unitPriceE4 !== structure.prices[piece.period!]) problems.push(show('TOU piece at another price', piece));
          }
          // Each untiered piece is within one milli-unit of its exact share of the reading by time.
          if (structure.type !== 'TIERED' && span > 0 && Math.abs(piece.consumedMilli * span - reading.consumedMilli * (b - a)) >= span)
            problems.push(show('piece not in proportion to its time', piece));
        }
        billing = result.billing;
        from = reading.at;
      }
      // The property: a period's charges sum to its tariff applied to its whole consumption.
      for (const [period, byPrice] of consumedByPrice) {
        let expectedE7 = 0n;
        if (kind === 'TIERED') {
          const structure = versions[0]!.structure as Extract<TariffStructure, { type: 'TIERED' }>;
          expectedE7 = tieredCostE7(
            structure.tiers,
            [...byPrice.values()].reduce((a, e) => a + e.consumed, 0),
          );
        } else for (const e of byPrice.values()) expectedE7 += BigInt(e.consumed) * BigInt(e.price);
        if ((charged.get(period) ?? 0) !== fen(expectedE7))
          problems.push(show(`period ${period} charged ${charged.get(period)}, its tariff gives ${fen(expectedE7)}`));
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // The draw must reach the cases that matter, or the property proves little.
    expect(rollovers).toBeGreaterThan(200);
    expect(tierCrossings).toBeGreaterThan(200);
    expect(touSplits).toBeGreaterThan(200);
  });
});
