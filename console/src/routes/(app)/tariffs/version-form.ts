import type { TariffBillingPeriod, TariffType, TariffVersion, TariffVersionInput, TouDays, TouPeriod } from '$lib/api/metering-types';

/**
 * A tariff version as its form holds it: prices typed in yuan per kWh or m³ (up to 4 decimals, sent
 * as typed: the service reads them exactly), tier bounds in kWh or m³, time-of-use slots as rows,
 * holidays one a line, and when it takes effect (the browser's local time; empty: now).
 */
export interface VersionForm {
  type: TariffType;
  unitPrice: string;
  billingPeriod: TariffBillingPeriod;
  tiers: { upto: string; price: string }[];
  touPrices: Record<TouPeriod, string>;
  slots: { days: TouDays; from: string; period: TouPeriod }[];
  holidays: string;
  officialUnitPrice: string;
  /** `YYYY-MM-DDTHH:MM` as a datetime-local input gives it; empty: now. */
  effectiveFrom: string;
}

export type VersionProblem =
  { field: 'unitPrice' | 'officialUnitPrice' | 'holidays' | 'effectiveFrom' | 'touPrices' } | { field: 'tier'; row: number } | { field: 'slot'; row: number };

const PRICE = /^\d{1,6}(\.\d{1,4})?$/;
const UNITS = /^\d{1,9}(\.\d{1,3})?$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A TOU day as a weekday tariff commonly has it (valley at night, peaks morning and evening). */
const DEFAULT_SLOTS: VersionForm['slots'] = [
  { days: 'WEEKDAY', from: '00:00', period: 'VALLEY' },
  { days: 'WEEKDAY', from: '08:00', period: 'PEAK' },
  { days: 'WEEKDAY', from: '12:00', period: 'FLAT' },
  { days: 'WEEKDAY', from: '17:00', period: 'PEAK' },
  { days: 'WEEKDAY', from: '21:00', period: 'FLAT' },
  { days: 'WEEKDAY', from: '23:00', period: 'VALLEY' },
];

/** An empty form, or one holding a version's prices (adding a version mostly changes a price). */
export function versionForm(from: TariffVersion | null = null): VersionForm {
  const touPrices: Record<TouPeriod, string> = { SHARP: '', PEAK: '', FLAT: '', VALLEY: '' };
  for (const p of from?.touPrices ?? []) touPrices[p.period] = p.unitPrice;
  return {
    type: from?.type ?? 'FLAT',
    unitPrice: from?.unitPrice ?? '',
    billingPeriod: from?.billingPeriod ?? 'MONTH',
    tiers: from?.tiers.length
      ? from.tiers.map((t) => ({ upto: t.uptoUnits === null ? '' : String(t.uptoUnits), price: t.unitPrice }))
      : [
          { upto: '200', price: '' },
          { upto: '', price: '' },
        ],
    touPrices,
    slots: from?.touSlots.length ? from.touSlots.map((s) => ({ ...s })) : DEFAULT_SLOTS.map((s) => ({ ...s })),
    holidays: from?.holidays.join('\n') ?? '',
    officialUnitPrice: from?.officialUnitPrice ?? '',
    effectiveFrom: '',
  };
}

/**
 * What `addTariffVersion` (or `createTariff`) takes, or the first things to fix in the form. The
 * service checks the rest and says so: slots out of order, a period without a price, an effective
 * time in the past, a price above the resale cap.
 */
export function toVersionInput(
  form: VersionForm,
  needsOfficialPrice: boolean,
): { version: TariffVersionInput; effectiveFrom: string | null } | { problems: VersionProblem[] } {
  const problems: VersionProblem[] = [];
  const version: TariffVersionInput = { type: form.type };
  if (form.type === 'FLAT') {
    if (!PRICE.test(form.unitPrice.trim())) problems.push({ field: 'unitPrice' });
    version.unitPrice = form.unitPrice.trim();
  } else if (form.type === 'TIERED') {
    version.billingPeriod = form.billingPeriod;
    version.tiers = form.tiers.map((tier, row) => {
      const last = row === form.tiers.length - 1;
      const upto = tier.upto.trim();
      if (!PRICE.test(tier.price.trim()) || (last ? upto !== '' : !UNITS.test(upto))) problems.push({ field: 'tier', row });
      return { uptoUnits: last || !upto ? null : Number(upto), unitPrice: tier.price.trim() };
    });
  } else {
    const priced = (Object.entries(form.touPrices) as [TouPeriod, string][]).filter(([, price]) => price.trim());
    if (!priced.length || priced.some(([, price]) => !PRICE.test(price.trim()))) problems.push({ field: 'touPrices' });
    version.touPrices = priced.map(([period, price]) => ({ period, unitPrice: price.trim() }));
    form.slots.forEach((slot, row) => {
      if (!HHMM.test(slot.from)) problems.push({ field: 'slot', row });
    });
    version.touSlots = form.slots.map((slot) => ({ ...slot }));
  }
  const holidays = form.holidays
    .split(/[\s,，、]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  if (holidays.some((d) => !DATE.test(d))) problems.push({ field: 'holidays' });
  if (holidays.length) version.holidays = [...new Set(holidays)].sort();
  if (needsOfficialPrice || form.officialUnitPrice.trim()) {
    if (!PRICE.test(form.officialUnitPrice.trim())) problems.push({ field: 'officialUnitPrice' });
    version.officialUnitPrice = form.officialUnitPrice.trim();
  }
  let effectiveFrom: string | null = null;
  if (form.effectiveFrom) {
    const at = new Date(form.effectiveFrom);
    if (Number.isNaN(at.getTime())) problems.push({ field: 'effectiveFrom' });
    else effectiveFrom = at.toISOString();
  }
  return problems.length ? { problems } : { version, effectiveFrom };
}
