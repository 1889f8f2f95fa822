/**
 * Metering tariffs: flat, tiered (阶梯电价/阶梯气价: cumulative consumption per billing period) and
 * time-of-use (分时电价: sharp/peak/flat/valley by local time of day, with weekend and holiday
 * schedules). Prices are integer ten-thousandths of the currency unit per kWh or m³ (`unitPriceE4`,
 * ¥0.5283/kWh = 5283), the precision Chinese tariff notices publish. A tariff is never edited: it
 * gains versions with the instant they take effect, so a price rise applies from its date and not
 * before, whatever credit was bought ahead of it.
 */
import { localDateKey, minutesOfHhMm, type BillingPeriodKind } from './meter-calendar';

export type MeterKind = 'ELECTRICITY' | 'GAS';
export type TouPeriod = 'SHARP' | 'PEAK' | 'FLAT' | 'VALLEY';
export const TOU_PERIODS: readonly TouPeriod[] = ['SHARP', 'PEAK', 'FLAT', 'VALLEY'];

/** A tier holds the consumption up to `uptoMilli` (cumulative in the billing period); the last is unbounded (null). */
export interface TariffTier {
  uptoMilli: number | null;
  unitPriceE4: number;
}

/** A TOU slot runs from `from` (local 'HH:MM') to the next slot's `from`, the last to midnight. */
export interface TouSlot {
  from: string;
  period: TouPeriod;
}

export type TariffStructure =
  | { type: 'FLAT'; unitPriceE4: number }
  | { type: 'TIERED'; billingPeriod: BillingPeriodKind; tiers: TariffTier[] }
  | { type: 'TOU'; prices: Partial<Record<TouPeriod, number>>; weekday: TouSlot[]; weekend?: TouSlot[]; holiday?: TouSlot[] };

export interface TariffVersion {
  effectiveFrom: Date;
  structure: TariffStructure;
  /** Local dates ('YYYY-MM-DD') on which a TOU tariff follows its holiday schedule. */
  holidays?: string[];
}

/**
 * The period whose running total charges are rounded on: a tiered tariff's own; flat and TOU
 * tariffs are billed by calendar month, the statement a customer receives.
 */
export function billingPeriodOf(structure: TariffStructure): BillingPeriodKind {
  return structure.type === 'TIERED' ? structure.billingPeriod : 'MONTH';
}

const isPrice = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function tiersProblem(tiers: readonly TariffTier[]): string | null {
  if (tiers.length === 0) return 'a tiered tariff needs at least one tier';
  let previous = 0;
  for (const [i, tier] of tiers.entries()) {
    const name = `tier ${i + 1}`;
    if (!isPrice(tier.unitPriceE4)) return `${name}: unitPriceE4 must be a non-negative safe integer (ten-thousandths of the currency unit)`;
    const last = i === tiers.length - 1;
    if (tier.uptoMilli === null) {
      if (!last) return `${name}: only the last tier may be unbounded (uptoMilli null)`;
      continue;
    }
    if (last) return `${name}: the last tier must be unbounded (uptoMilli null), or consumption past it has no price`;
    if (!Number.isSafeInteger(tier.uptoMilli) || tier.uptoMilli <= previous)
      return `${name}: uptoMilli must be an integer above the previous tier's (${previous}); tiers ascend`;
    previous = tier.uptoMilli;
  }
  return null;
}

function slotsProblem(name: string, slots: readonly TouSlot[]): string | null {
  if (slots.length === 0) return `${name}: a schedule needs at least one slot`;
  let previous = -1;
  for (const slot of slots) {
    const minute = minutesOfHhMm(slot.from);
    if (minute === null) return `${name}: slot start '${slot.from}' is not a time 'HH:MM' (00:00–23:59)`;
    if (previous === -1 && minute !== 0) return `${name}: the first slot must start at '00:00', so every minute of the day has a period`;
    if (minute <= previous) return `${name}: slots must be sorted by start, each after the one before ('${slot.from}')`;
    if (!(TOU_PERIODS as readonly string[]).includes(slot.period)) return `${name}: unknown period '${slot.period}'`;
    previous = minute;
  }
  return null;
}

/** What is wrong with a tariff structure, for the person entering it; null when it can be charged with. */
export function tariffStructureProblem(structure: TariffStructure): string | null {
  switch (structure.type) {
    case 'FLAT':
      return isPrice(structure.unitPriceE4) ? null : 'unitPriceE4 must be a non-negative safe integer (ten-thousandths of the currency unit)';
    case 'TIERED':
      if (structure.billingPeriod !== 'MONTH' && structure.billingPeriod !== 'YEAR') return "billingPeriod must be 'MONTH' or 'YEAR'";
      return tiersProblem(structure.tiers);
    case 'TOU': {
      const schedules: [string, TouSlot[] | undefined][] = [
        ['weekday', structure.weekday],
        ['weekend', structure.weekend],
        ['holiday', structure.holiday],
      ];
      for (const [name, slots] of schedules) {
        if (slots === undefined && name !== 'weekday') continue;
        const problem = slotsProblem(name, slots ?? []);
        if (problem) return problem;
        for (const slot of slots ?? []) {
          if (!isPrice(structure.prices[slot.period])) return `${name}: period ${slot.period} is used but has no price (a non-negative safe integer)`;
        }
      }
      for (const [period, price] of Object.entries(structure.prices)) {
        if (!(TOU_PERIODS as readonly string[]).includes(period)) return `prices: unknown period '${period}'`;
        if (price !== undefined && !isPrice(price)) return `prices: ${period} must be a non-negative safe integer`;
      }
      return null;
    }
  }
}

/** A version's structure problem, or a holiday that is not a real 'YYYY-MM-DD' date, or a bad effectiveFrom. */
export function tariffVersionProblem(version: TariffVersion): string | null {
  if (!(version.effectiveFrom instanceof Date) || Number.isNaN(version.effectiveFrom.getTime())) return 'effectiveFrom must be a valid instant';
  for (const day of version.holidays ?? []) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (!match || localDateKey({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() }) !== day)
      return `holiday '${day}' is not a date 'YYYY-MM-DD'`;
  }
  return tariffStructureProblem(version.structure);
}

/** The version in effect at an instant: the newest with effectiveFrom ≤ at (in effect from its very instant); null before the first. */
export function tariffVersionAt(versions: readonly TariffVersion[], at: Date): TariffVersion | null {
  let best: TariffVersion | null = null;
  for (const version of versions) {
    const from = version.effectiveFrom.getTime();
    // On a tie the later in the list wins: a correction recorded after.
    if (from <= at.getTime() && (best === null || from >= best.effectiveFrom.getTime())) best = version;
  }
  return best;
}
