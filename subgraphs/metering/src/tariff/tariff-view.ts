import type { TouSlot } from '@hearth/platform/domain';
import { type TariffBillingPeriod, type TariffType, TouDays, TouPeriod } from './tariff.enums';
import type { StoredTariffVersion } from './tariff-versions';
import { formatPriceE4, unitsOfMilli } from './tariff-prices';
import type { TariffVersionView } from './tariff.types';

const priced = (e4: number) => ({ unitPrice: formatPriceE4(e4), unitPriceE4: e4 });

/** A stored version as GraphQL shows it: prices in yuan and in ten-thousandths, bounds in units and milli-units. */
export function versionView(v: StoredTariffVersion, now: Date): TariffVersionView {
  const s = v.structure;
  const slots = (days: TouDays, list: readonly TouSlot[] | undefined) =>
    (list ?? []).map((slot) => ({ days, from: slot.from, period: slot.period as TouPeriod }));
  return {
    id: v.id,
    effectiveFrom: v.effectiveFrom,
    scheduled: v.effectiveFrom > now,
    type: s.type as TariffType,
    unitPrice: s.type === 'FLAT' ? formatPriceE4(s.unitPriceE4) : null,
    unitPriceE4: s.type === 'FLAT' ? s.unitPriceE4 : null,
    billingPeriod: s.type === 'TIERED' ? (s.billingPeriod as TariffBillingPeriod) : null,
    tiers:
      s.type === 'TIERED'
        ? s.tiers.map((t, i) => ({
            tier: i + 1,
            uptoMilli: t.uptoMilli,
            uptoUnits: t.uptoMilli === null ? null : unitsOfMilli(t.uptoMilli),
            ...priced(t.unitPriceE4),
          }))
        : [],
    touPrices:
      s.type === 'TOU' ? Object.values(TouPeriod).flatMap((period) => (s.prices[period] === undefined ? [] : [{ period, ...priced(s.prices[period]) }])) : [],
    touSlots: s.type === 'TOU' ? [...slots(TouDays.WEEKDAY, s.weekday), ...slots(TouDays.WEEKEND, s.weekend), ...slots(TouDays.HOLIDAY, s.holiday)] : [],
    holidays: v.holidays,
    officialUnitPrice: v.officialUnitPriceE4 === null ? null : formatPriceE4(v.officialUnitPriceE4),
    officialUnitPriceE4: v.officialUnitPriceE4,
    createdAt: v.createdAt,
  };
}
