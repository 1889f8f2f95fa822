import { Field, Float, InputType, Int } from 'type-graphql';
import { LocalDate } from '@hearth/platform/graphql';
import { MeterKind } from '../meter/meter.enums';
import { TariffBillingPeriod, TariffType, TouDays, TouPeriod } from './tariff.enums';

const PRICE = 'yuan per kWh (electricity) or m³ (gas), at most 4 decimals: "0.5283". Or give the `…E4` field instead.';
const PRICE_E4 = 'The same price in ten-thousandths of a yuan: 5283 for ¥0.5283. Give this or the yuan field.';

@InputType({ description: 'A tier of a tiered tariff: its price, up to a bound of consumption accumulated in the billing period.' })
export class TariffTierInput {
  @Field(() => Float, {
    nullable: true,
    description:
      'The tier holds consumption up to this many kWh or m³ in the billing period (at most 3 decimals), above the tier before; null for the last, unbounded tier.',
  })
  uptoUnits?: number | null;
  @Field(() => String, { nullable: true, description: `Its price: ${PRICE}` }) unitPrice?: string | null;
  @Field(() => Int, { nullable: true, description: PRICE_E4 }) unitPriceE4?: number | null;
}

@InputType({ description: 'The price of a time-of-use period.' })
export class TouPriceInput {
  @Field(() => TouPeriod, { description: 'The period.' }) period!: TouPeriod;
  @Field(() => String, { nullable: true, description: `Its price: ${PRICE}` }) unitPrice?: string | null;
  @Field(() => Int, { nullable: true, description: PRICE_E4 }) unitPriceE4?: number | null;
}

@InputType({ description: 'A slot of a time-of-use schedule: from a local time to the next slot’s (the last to midnight), a period.' })
export class TouSlotInput {
  @Field(() => TouDays, { description: 'The schedule it belongs to.' }) days!: TouDays;
  @Field(() => String, { description: 'When it starts, local time “HH:MM” (each schedule’s first slot starts at 00:00).' }) from!: string;
  @Field(() => TouPeriod, { description: 'Its period (which must have a price).' }) period!: TouPeriod;
}

@InputType({ description: 'What a tariff version charges: a type and that type’s prices, and the holidays of its calendar.' })
export class TariffVersionInput {
  @Field(() => TariffType, { description: 'Flat, tiered or time of use.' }) type!: TariffType;
  @Field(() => String, { nullable: true, description: `FLAT: the price, ${PRICE}` }) unitPrice?: string | null;
  @Field(() => Int, { nullable: true, description: `FLAT: ${PRICE_E4}` }) unitPriceE4?: number | null;
  @Field(() => TariffBillingPeriod, { nullable: true, description: 'TIERED: the period tiers accumulate over.' }) billingPeriod?: TariffBillingPeriod | null;
  @Field(() => [TariffTierInput], { nullable: true, description: 'TIERED: the tiers, lowest first (at most 10), the last unbounded.' })
  tiers?: TariffTierInput[] | null;
  @Field(() => [TouPriceInput], { nullable: true, description: 'TOU: the price of each period its schedules use.' }) touPrices?: TouPriceInput[] | null;
  @Field(() => [TouSlotInput], { nullable: true, description: 'TOU: the slots of its weekday, weekend and holiday schedules (any order).' })
  touSlots?: TouSlotInput[] | null;
  @Field(() => [LocalDate], { nullable: true, description: 'Days that follow the holiday schedule (public holidays), at most 366.' })
  holidays?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: `The official (grid or utility) price a landlord’s resale tariff is held to: ${PRICE} Required when the tariff has a mark-up cap.`,
  })
  officialUnitPrice?: string | null;
  @Field(() => Int, { nullable: true, description: `The official price: ${PRICE_E4}` }) officialUnitPriceE4?: number | null;
}

@InputType({ description: 'A new tariff and its first version.' })
export class CreateTariffInput {
  @Field(() => MeterKind, { description: 'The meters it charges: electricity or gas.' }) kind!: MeterKind;
  @Field(() => String, { description: 'Its name, 1–64 characters, unique in your company (“Mall commercial 2026”).' }) name!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'A landlord’s resale tariff: the most its prices may exceed each version’s official price, in percent (0–1000); omitted: no cap.',
  })
  markupCapPercent?: number | null;
  @Field(() => Date, { nullable: true, description: 'When its first version takes effect; omitted: now. Never in the past.' }) effectiveFrom?: Date | null;
  @Field(() => TariffVersionInput, { description: 'Its first version.' }) version!: TariffVersionInput;
}
