/**
 * Charging the consumption between two accepted readings. The interval is cut where the price may
 * change — a tariff version's effective instant, a billing period's start, a TOU slot's edge — the
 * consumption is spread over the pieces in proportion to time (a cumulative register says how much,
 * not when), and a tiered piece is cut again where the period's cumulative consumption crosses a
 * tier boundary. Cost is exact (`costE7`, 1e-7 of the currency unit: milli-units × E4 price); money
 * is rounded half up to the fen on the billing period's running total, so a period's charges always
 * sum to its tariff applied to its whole consumption, however the readings fell.
 */
import { apportionByWeight } from './meter-apportion';
import { billingPeriodAt, METERING_TIME_ZONE } from './meter-calendar';
import { billingPeriodOf, tariffVersionProblem, type TariffVersion, type TouPeriod } from './meter-tariffs';
import { splitAcrossTiers } from './meter-tiers';
import { touSlotAt } from './meter-tou';

/** Per meter, the billing period running when its last reading was charged. */
export interface BillingState {
  periodStart: Date;
  consumedMilli: number;
  costE7: bigint;
}

export interface ChargePiece {
  from: Date;
  to: Date;
  consumedMilli: number;
  unitPriceE4: number;
  /** Tiered tariffs: 1 for the first tier. */
  tier?: number;
  /** TOU tariffs. */
  period?: TouPeriod;
  costE7: bigint;
}

/** What one reading charged to one billing period (a reading across a period's start touches two). */
export interface PeriodCharge {
  periodStart: Date;
  consumedMilli: number;
  amountMinor: number;
}

export interface ReadingCharge {
  consumedMilli: number;
  amountMinor: number;
  pieces: ChargePiece[];
  /** The billing period the interval ends in, to be stored for the meter's next reading. */
  billing: BillingState;
  byPeriod: PeriodCharge[];
}

/** Fen in 1e-7 units of the currency: 1 fen = 0.01 yuan = 100,000 × 1e-7. */
const E7_PER_MINOR = 100_000n;

/** A non-negative exact cost rounded half up to the minor unit (GB/T 8170 rounding of a half up, as bills do). */
export function roundCostE7ToMinor(costE7: bigint): number {
  return Number((costE7 + E7_PER_MINOR / 2n) / E7_PER_MINOR);
}

interface Segment {
  from: number;
  to: number;
  version: TariffVersion;
  periodStart: number;
  period?: TouPeriod;
}

/** The interval cut at every version change, billing period start and TOU slot edge; adjacent pieces priced alike merged. */
function segmentsOf(versions: readonly TariffVersion[], from: number, to: number, timeZone: string): Segment[] {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  const holidays = new Map<TariffVersion, Set<string>>();
  const checked = new Set<TariffVersion>();
  const segments: Segment[] = [];
  let cursor = from;
  do {
    let index = -1;
    for (const [i, v] of sorted.entries()) if (v.effectiveFrom.getTime() <= cursor) index = i;
    const version = sorted[index];
    if (!version)
      throw new RangeError(`no tariff version is in effect at ${new Date(cursor).toISOString()}: charge only from the first version's effectiveFrom`);
    if (!checked.has(version)) {
      const problem = tariffVersionProblem(version);
      if (problem) throw new RangeError(`tariff version effective ${version.effectiveFrom.toISOString()}: ${problem}`);
      checked.add(version);
    }
    const period = billingPeriodAt(billingPeriodOf(version.structure), cursor, timeZone);
    let end = Math.min(to, sorted[index + 1]?.effectiveFrom.getTime() ?? Number.POSITIVE_INFINITY, period.end);
    let touPeriod: TouPeriod | undefined;
    if (version.structure.type === 'TOU') {
      let days = holidays.get(version);
      if (!days) holidays.set(version, (days = new Set(version.holidays ?? [])));
      const slot = touSlotAt(version.structure, days, cursor, timeZone);
      end = Math.min(end, slot.endMs);
      touPeriod = slot.period;
    }
    const last = segments[segments.length - 1];
    if (last && last.version === version && last.periodStart === period.start && last.period === touPeriod) last.to = end;
    else segments.push({ from: cursor, to: end, version, periodStart: period.start, ...(touPeriod ? { period: touPeriod } : {}) });
    cursor = end;
  } while (cursor < to);
  return segments;
}

/** A segment's consumption priced: one piece, or one per tier it crosses (their times interpolated at a steady rate). */
function priceSegment(segment: Segment, consumedMilli: number, beforeMilli: number): ChargePiece[] {
  const { structure } = segment.version;
  const piece = (from: number, to: number, consumed: number, unitPriceE4: number, extra: Partial<ChargePiece>): ChargePiece => ({
    from: new Date(from),
    to: new Date(to),
    consumedMilli: consumed,
    unitPriceE4,
    ...extra,
    costE7: BigInt(consumed) * BigInt(unitPriceE4),
  });
  if (consumedMilli === 0) return [];
  switch (structure.type) {
    case 'FLAT':
      return [piece(segment.from, segment.to, consumedMilli, structure.unitPriceE4, {})];
    case 'TOU': {
      const period = segment.period!;
      return [piece(segment.from, segment.to, consumedMilli, structure.prices[period] ?? 0, { period })];
    }
    case 'TIERED': {
      const span = segment.to - segment.from;
      let done = 0;
      return splitAcrossTiers(structure.tiers, beforeMilli, consumedMilli).map((share) => {
        const start = segment.from + Math.round(span * (done / consumedMilli));
        done += share.consumedMilli;
        const end = segment.from + Math.round(span * (done / consumedMilli));
        return piece(start, end, share.consumedMilli, share.unitPriceE4, { tier: share.tier });
      });
    }
  }
}

/**
 * Charges the consumption between two accepted readings. Versions are those of the meter's tariff
 * (any order; the newest with effectiveFrom ≤ an instant applies there); `billing` is what the
 * previous charge returned (null for the meter's first). Throws RangeError on an interval that
 * starts before the first version or on a version that `tariffVersionProblem` refuses.
 */
export function chargeInterval(input: {
  versions: TariffVersion[];
  from: Date;
  to: Date;
  consumedMilli: number;
  billing: BillingState | null;
  zone?: string;
}): ReadingCharge {
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) throw new RangeError('chargeInterval: from and to must be instants with from ≤ to');
  if (!Number.isSafeInteger(input.consumedMilli) || input.consumedMilli < 0)
    throw new RangeError('chargeInterval: consumedMilli must be a non-negative safe integer');
  const segments = segmentsOf(input.versions, from, to, input.zone ?? METERING_TIME_ZONE);
  const shares = apportionByWeight(
    input.consumedMilli,
    segments.map((s) => s.to - s.from),
  );

  const pieces: ChargePiece[] = [];
  const byPeriod: (PeriodCharge & { startCostE7: bigint })[] = [];
  let state: BillingState | null = input.billing;
  for (const [i, segment] of segments.entries()) {
    if (!state || state.periodStart.getTime() !== segment.periodStart) state = { periodStart: new Date(segment.periodStart), consumedMilli: 0, costE7: 0n };
    let current = byPeriod[byPeriod.length - 1];
    if (!current || current.periodStart.getTime() !== segment.periodStart)
      byPeriod.push((current = { periodStart: state.periodStart, consumedMilli: 0, amountMinor: 0, startCostE7: state.costE7 }));
    const consumed = shares[i] ?? 0;
    const priced = priceSegment(segment, consumed, state.consumedMilli);
    const costE7 = priced.reduce((sum, p) => sum + p.costE7, 0n);
    pieces.push(...priced);
    state = { periodStart: state.periodStart, consumedMilli: state.consumedMilli + consumed, costE7: state.costE7 + costE7 };
    current.consumedMilli += consumed;
    current.amountMinor = roundCostE7ToMinor(state.costE7) - roundCostE7ToMinor(current.startCostE7);
  }
  return {
    consumedMilli: input.consumedMilli,
    amountMinor: byPeriod.reduce((sum, p) => sum + p.amountMinor, 0),
    pieces,
    billing: state!,
    byPeriod: byPeriod.map(({ periodStart, consumedMilli, amountMinor }) => ({ periodStart, consumedMilli, amountMinor })),
  };
}
