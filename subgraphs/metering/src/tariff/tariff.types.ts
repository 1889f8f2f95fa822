import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, LocalDate, SafeInt } from '@hearth/platform/graphql';
import { MeterKind } from '../meter/meter.enums';
import { TariffBillingPeriod, TariffType, TouDays, TouPeriod } from './tariff.enums';

const PRICE = 'yuan per kWh (electricity) or m³ (gas), 4 decimals: "0.5283".';
const PRICE_E4 = 'The same price in ten-thousandths of a yuan (5283), as charges compute with it.';

@ObjectType({ description: 'A tariff (电价/气价) of yours: the versions it has had and will have, each from the instant it takes effect.' })
export class Tariff {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => MeterKind, { description: 'The meters it charges.' }) kind!: MeterKind;
  @Field(() => String, { description: 'Its name, unique in your company.' }) name!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'A landlord’s resale tariff: the most its prices may exceed each version’s official price, in percent; null: no cap.',
  })
  markupCapPercent!: number | null;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
}

export const TariffConnection = ConnectionType(Tariff, 'Tariff');

@ObjectType('TariffTier', { description: 'A tier of a tiered version: its price up to a bound of the consumption accumulated in the billing period.' })
export class TariffTierView {
  @Field(() => Int, { description: 'Its number, from 1 (the cheapest, first).' }) tier!: number;
  @Field(() => Float, { nullable: true, description: 'Up to this many kWh or m³ in the billing period; null: the last tier, unbounded.' })
  uptoUnits!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'The same bound in milli-units (Wh, litres); null for the last tier.' }) uptoMilli!: number | null;
  @Field(() => String, { description: `Its price, ${PRICE}` }) unitPrice!: string;
  @Field(() => Int, { description: PRICE_E4 }) unitPriceE4!: number;
}

@ObjectType('TouPrice', { description: 'The price of a time-of-use period.' })
export class TouPriceView {
  @Field(() => TouPeriod, { description: 'The period.' }) period!: TouPeriod;
  @Field(() => String, { description: `Its price, ${PRICE}` }) unitPrice!: string;
  @Field(() => Int, { description: PRICE_E4 }) unitPriceE4!: number;
}

@ObjectType('TouSlot', { description: 'A slot of a time-of-use schedule: from a local time to the next slot’s start (the last to midnight).' })
export class TouSlotView {
  @Field(() => TouDays, { description: 'The schedule it belongs to.' }) days!: TouDays;
  @Field(() => String, { description: 'When it starts, local time “HH:MM”.' }) from!: string;
  @Field(() => TouPeriod, { description: 'Its period.' }) period!: TouPeriod;
}

@ObjectType('TariffVersion', { description: 'What a tariff charges from an instant on, until its next version takes effect.' })
export class TariffVersionView {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => Date, { description: 'When it takes (or took) effect: consumption from this instant on is charged by it.' }) effectiveFrom!: Date;
  @Field(() => Boolean, { description: 'Whether it is still to take effect (it may be corrected until then).' }) scheduled!: boolean;
  @Field(() => TariffType, { description: 'Flat, tiered or time of use.' }) type!: TariffType;
  @Field(() => String, { nullable: true, description: `FLAT: the price, ${PRICE} Null for the other types.` }) unitPrice!: string | null;
  @Field(() => Int, { nullable: true, description: `FLAT: ${PRICE_E4}` }) unitPriceE4!: number | null;
  @Field(() => TariffBillingPeriod, { nullable: true, description: 'TIERED: the period tiers accumulate over; null for the other types.' })
  billingPeriod!: TariffBillingPeriod | null;
  @Field(() => [TariffTierView], { description: 'TIERED: its tiers, cheapest first; empty for the other types.' }) tiers!: TariffTierView[];
  @Field(() => [TouPriceView], { description: 'TOU: the price of each period; empty for the other types.' }) touPrices!: TouPriceView[];
  @Field(() => [TouSlotView], { description: 'TOU: its weekday, weekend and holiday schedules, each by start; empty for the other types.' })
  touSlots!: TouSlotView[];
  @Field(() => [LocalDate], { description: 'Days that follow the holiday schedule, in order.' }) holidays!: string[];
  @Field(() => String, { nullable: true, description: `The official price a resale tariff is held to, ${PRICE} Null when not given.` })
  officialUnitPrice!: string | null;
  @Field(() => Int, { nullable: true, description: `The official price: ${PRICE_E4}` }) officialUnitPriceE4!: number | null;
  @Field(() => Date, { description: 'When it was entered (or last corrected).' }) createdAt!: Date;
}
