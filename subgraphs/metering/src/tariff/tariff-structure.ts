import { badInput, type FieldProblem } from '@hearth/platform';
import { localDate } from '@hearth/platform/graphql';
import { resaleMarkupProblem, tariffVersionProblem, type TariffStructure, type TouSlot } from '@hearth/platform/domain';
import type { TariffRow } from './tariff.store';
import { TariffType, TouDays, type TouPeriod } from './tariff.enums';
import type { TariffVersionInput } from './tariff.input';
import { formatPriceE4, milliOfUnits, priceOf } from './tariff-prices';

/** At most this many tiers, slots in all schedules and holidays: beyond them a version is a mistake. */
const MAX_TIERS = 10;
const MAX_SLOTS = 3 * 48;
const MAX_HOLIDAYS = 366;

/** A version as stored, from its input. */
export interface VersionValues {
  structure: TariffStructure;
  holidays: string[];
  officialUnitPriceE4: number | null;
}

/** The fields each type takes: any other given is refused by name, so a tier sent with a flat price is never silently dropped. */
const FIELDS_OF: Record<TariffVersionInput['type'], readonly (keyof TariffVersionInput)[]> = {
  FLAT: ['unitPrice', 'unitPriceE4'],
  TIERED: ['billingPeriod', 'tiers'],
  TOU: ['touPrices', 'touSlots'],
};
const TYPED_FIELDS: readonly (keyof TariffVersionInput)[] = ['unitPrice', 'unitPriceE4', 'billingPeriod', 'tiers', 'touPrices', 'touSlots'];

/**
 * A version input as the rules' `TariffStructure`, checked: the fields of its type only, prices
 * given one way each, bounds in kWh or m³ to the Wh or litre, then the rules' own
 * `tariffVersionProblem` (tiers ascending and the last unbounded, every minute of each day in a
 * priced period, real holidays), and for a landlord's capped resale tariff every price against the
 * official price (`resaleMarkupProblem`). Every problem is BAD_USER_INPUT naming `<path>.<field>`.
 */
export function versionValues(input: TariffVersionInput, tariff: Pick<TariffRow, 'markupCapPercent'>, effectiveFrom: Date, path = 'version'): VersionValues {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `${path}.${field}`, message });
  const given = input as unknown as Record<string, unknown>;
  for (const field of TYPED_FIELDS)
    if (given[field] != null && !FIELDS_OF[input.type].includes(field)) problem(field, `a ${input.type} version has no ${field}`);
  const structure = structureOf(input, problem);
  const holidays = [...new Set(input.holidays ?? [])].sort();
  if (holidays.length > MAX_HOLIDAYS) problem('holidays', `at most ${MAX_HOLIDAYS} days`);
  for (const day of holidays) if (!localDate.safeParse(day).success) problem('holidays', `${day} is not a date YYYY-MM-DD`);
  const official = priceOf(given, 'officialUnitPrice', tariff.markupCapPercent !== null, problem);
  if (problems.length > 0) throw badInput(problems);

  const rule = tariffVersionProblem({ effectiveFrom, structure: structure!, holidays });
  if (rule) throw badInput([{ field: path, message: rule }]);
  if (tariff.markupCapPercent !== null) {
    for (const price of new Set(pricesOf(structure!))) {
      const capped = resaleMarkupProblem(price, official!, tariff.markupCapPercent);
      if (capped) {
        const most = Math.floor((official! * (100 + tariff.markupCapPercent)) / 100);
        problems.push({
          field: path,
          message: `¥${formatPriceE4(price)} is more than the official ¥${formatPriceE4(official!)} plus the ${tariff.markupCapPercent} % resale mark-up cap (at most about ¥${formatPriceE4(most)}): ${capped}`,
        });
      }
    }
    if (problems.length > 0) throw badInput(problems);
  }
  return { structure: structure!, holidays, officialUnitPriceE4: official };
}

/** The structure the input describes, or null with its problems reported. */
function structureOf(input: TariffVersionInput, problem: (field: string, message: string) => void): TariffStructure | null {
  switch (input.type) {
    case TariffType.FLAT: {
      const price = priceOf(input as unknown as Record<string, unknown>, 'unitPrice', true, problem);
      return price === null ? null : { type: 'FLAT', unitPriceE4: price };
    }
    case TariffType.TIERED: {
      if (!input.billingPeriod) problem('billingPeriod', 'a tiered tariff accumulates over a MONTH or a YEAR');
      const tiers = input.tiers ?? [];
      if (tiers.length === 0) problem('tiers', 'give at least one tier');
      if (tiers.length > MAX_TIERS) problem('tiers', `at most ${MAX_TIERS} tiers`);
      const out = tiers.map((tier, i) => {
        const at = (field: string, message: string) => problem(`tiers.${i}.${field}`, message);
        const unitPriceE4 = priceOf(tier as unknown as Record<string, unknown>, 'unitPrice', true, at);
        let uptoMilli: number | null = null;
        if (tier.uptoUnits != null) {
          uptoMilli = tier.uptoUnits > 0 ? milliOfUnits(tier.uptoUnits) : null;
          if (uptoMilli === null) at('uptoUnits', 'a positive number of kWh or m³ with at most 3 decimals');
        }
        return { uptoMilli, unitPriceE4: unitPriceE4 ?? 0 };
      });
      return input.billingPeriod ? { type: 'TIERED', billingPeriod: input.billingPeriod, tiers: out } : null;
    }
    case TariffType.TOU: {
      const prices: Partial<Record<TouPeriod, number>> = {};
      for (const [i, p] of (input.touPrices ?? []).entries()) {
        const price = priceOf(p as unknown as Record<string, unknown>, 'unitPrice', true, (field, message) => problem(`touPrices.${i}.${field}`, message));
        if (prices[p.period] !== undefined) problem(`touPrices.${i}.period`, `${p.period} is priced twice`);
        if (price !== null) prices[p.period] = price;
      }
      const slots = input.touSlots ?? [];
      if (slots.length > MAX_SLOTS) problem('touSlots', `at most ${MAX_SLOTS} slots`);
      const schedule = (days: TouDays): TouSlot[] =>
        slots
          .filter((s) => s.days === days)
          .map((s) => ({ from: s.from.trim(), period: s.period }))
          .sort((a, b) => a.from.localeCompare(b.from));
      const [weekday, weekend, holiday] = [schedule(TouDays.WEEKDAY), schedule(TouDays.WEEKEND), schedule(TouDays.HOLIDAY)];
      if (weekday.length === 0) problem('touSlots', 'give the WEEKDAY schedule (its first slot from 00:00)');
      return {
        type: 'TOU',
        prices,
        weekday,
        ...(weekend.length > 0 ? { weekend } : {}),
        ...(holiday.length > 0 ? { holiday } : {}),
      };
    }
  }
}

/** Every price a structure charges. */
export function pricesOf(structure: TariffStructure): number[] {
  switch (structure.type) {
    case 'FLAT':
      return [structure.unitPriceE4];
    case 'TIERED':
      return structure.tiers.map((t) => t.unitPriceE4);
    case 'TOU':
      return Object.values(structure.prices).filter((p): p is number => p !== undefined);
  }
}
