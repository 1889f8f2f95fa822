import { registerEnumType } from 'type-graphql';

/** How a tariff version prices consumption. */
export enum TariffType {
  FLAT = 'FLAT',
  TIERED = 'TIERED',
  TOU = 'TOU',
}
registerEnumType(TariffType, {
  name: 'TariffType',
  description: 'How a tariff version prices consumption.',
  valuesConfig: {
    FLAT: { description: 'One price per kWh or m³.' },
    TIERED: { description: 'Tiers (阶梯): the price rises with the consumption accumulated in the billing period, each tier up to a bound.' },
    TOU: { description: 'Time of use (分时): sharp, peak, flat and valley prices by local time of day, with weekend and holiday schedules.' },
  },
});

/** The period a tiered tariff accumulates consumption over. */
export enum TariffBillingPeriod {
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(TariffBillingPeriod, {
  name: 'TariffBillingPeriod',
  description: 'The period a tiered tariff accumulates consumption over (in the company’s time zone, Asia/Shanghai).',
  valuesConfig: {
    MONTH: { description: 'A calendar month.' },
    YEAR: { description: 'A calendar year (the residential 年阶梯).' },
  },
});

/** A time-of-use period. */
export enum TouPeriod {
  SHARP = 'SHARP',
  PEAK = 'PEAK',
  FLAT = 'FLAT',
  VALLEY = 'VALLEY',
}
registerEnumType(TouPeriod, {
  name: 'TouPeriod',
  description: 'A time-of-use period of the day.',
  valuesConfig: {
    SHARP: { description: 'Sharp peak (尖峰).' },
    PEAK: { description: 'Peak (峰).' },
    FLAT: { description: 'Flat, shoulder (平).' },
    VALLEY: { description: 'Valley, off-peak (谷).' },
  },
});

/** Which days a time-of-use slot belongs to. */
export enum TouDays {
  WEEKDAY = 'WEEKDAY',
  WEEKEND = 'WEEKEND',
  HOLIDAY = 'HOLIDAY',
}
registerEnumType(TouDays, {
  name: 'TouDays',
  description: 'Which days a time-of-use schedule applies on.',
  valuesConfig: {
    WEEKDAY: { description: 'Monday to Friday (and every day without a schedule of its own).' },
    WEEKEND: { description: 'Saturday and Sunday; without WEEKEND slots they follow the weekday schedule.' },
    HOLIDAY: { description: 'The version’s holidays; without HOLIDAY slots they follow their weekday or weekend schedule.' },
  },
});
