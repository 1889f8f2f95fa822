import { z } from 'zod';

/** The dearest price a tariff takes: ¥10,000 per kWh or m³ (a typo of four zeros is refused, not charged). */
export const MAX_PRICE_E4 = 100_000_000;

/** A price in ten-thousandths of a yuan as people read it: 5283 → "0.5283". */
export function formatPriceE4(e4: number): string {
  return `${Math.trunc(e4 / 10_000)}.${String(e4 % 10_000).padStart(4, '0')}`;
}

/** A price written in yuan ("0.5283", "1", "0.52") in ten-thousandths; null for anything else. */
export function parsePrice(text: string): number | null {
  const match = /^(\d{1,5})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

/** Milli-units (Wh, litres) as kWh or m³. */
export const unitsOfMilli = (milli: number): number => milli / 1000;

/** kWh or m³ with at most 3 decimals as milli-units; null when it has more. */
export function milliOfUnits(units: number): number | null {
  const milli = Math.round(units * 1000);
  return Math.abs(milli - units * 1000) < 1e-6 && Number.isSafeInteger(milli) ? milli : null;
}

const e4 = z.number().int('whole ten-thousandths of a yuan').min(0, 'not negative').max(MAX_PRICE_E4, 'at most 100000000 (¥10,000)');

/**
 * A price given either way — `unitPriceE4` (5283) or `unitPrice` ("0.5283") — as ten-thousandths.
 * `prefix` names the pair (`unitPrice`, `officialUnitPrice`); `required`: one of the two must be given.
 */
export function priceOf(value: Record<string, unknown>, prefix: string, required: boolean, problem: (field: string, message: string) => void): number | null {
  const [asE4, asYuan] = [value[`${prefix}E4`], value[prefix]];
  if (asE4 != null && asYuan != null) {
    problem(prefix, `give ${prefix} or ${prefix}E4, not both`);
    return null;
  }
  if (asE4 != null) {
    const parsed = e4.safeParse(asE4);
    if (!parsed.success) problem(`${prefix}E4`, parsed.error.issues[0]!.message);
    return parsed.success ? parsed.data : null;
  }
  if (asYuan != null) {
    const price = typeof asYuan === 'string' ? parsePrice(asYuan) : null;
    if (price === null) problem(prefix, 'yuan with at most 4 decimals, as "0.5283"');
    else if (price > MAX_PRICE_E4) problem(prefix, 'at most 10000 yuan');
    return price !== null && price <= MAX_PRICE_E4 ? price : null;
  }
  if (required) problem(prefix, `give ${prefix} (yuan, "0.5283") or ${prefix}E4 (5283)`);
  return null;
}
