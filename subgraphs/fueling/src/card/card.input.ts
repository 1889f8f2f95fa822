import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { LocalDate, localDate, Minor } from '@hearth/platform/graphql';
import { CardLimitPeriod, FuelCardFunding, FuelCardKind, FuelCardStatus } from './card.enums';

@InputType({ description: 'A limit of a card over a period: by money, by volume or both.' })
export class FuelCardLimitInput {
  @Field(() => CardLimitPeriod, { description: 'The period it counts over (one limit per period).' }) period!: CardLimitPeriod;
  @Field(() => Minor, { nullable: true, description: 'Most money per period, fen.' }) maxAmountMinor?: number | null;
  @Field(() => Int, { nullable: true, description: 'Most fuel per period, ml.' }) maxVolumeMl?: number | null;
}

@InputType({ description: 'What a card may buy, where and for which vehicle.' })
export class FuelCardRulesInput {
  @Field(() => [FuelCardLimitInput], { nullable: true, description: 'Its limits; omitted or empty: none.' }) limits?: FuelCardLimitInput[] | null;
  @Field(() => [String], { nullable: true, description: 'Only these grade codes; omitted: any.' }) allowedGrades?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Only at these stations (site ids); omitted: any.' }) allowedStationIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Bound to this vehicle plate (粤B12345); omitted: any vehicle.' }) plate?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'Valid through this day; omitted: no expiry.' }) expiresOn?: string | null;
}

@InputType({ description: 'A card to issue.' })
export class IssueFuelCardInput extends FuelCardRulesInput {
  @Field(() => String, { description: 'The number printed on the card, 8–19 digits, unique in your company.' }) cardNumber!: string;
  @Field(() => FuelCardKind, { description: 'Named, anonymous, master or sub-card.' }) kind!: FuelCardKind;
  @Field(() => FuelCardFunding, { nullable: true, description: 'Stored value (default) or credit; a sub-card pays as its master.' })
  funding?: FuelCardFunding | null;
  @Field(() => ID, { nullable: true, description: 'The holder (a `Customer`): required for a named or master card; it pays from their wallet.' })
  customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'For a sub-card: its master card.' }) masterCardId?: string | null;
}

@InputType({ description: 'Which cards to list.' })
export class FuelCardFilter {
  @Field(() => ID, { nullable: true, description: 'The holder’s.' }) customerId?: string | null;
  @Field(() => FuelCardStatus, { nullable: true, description: 'Only in this status.' }) status?: FuelCardStatus | null;
  @Field(() => String, { nullable: true, description: 'Card numbers starting with these digits.' }) cardNumberPrefix?: string | null;
  @Field(() => ID, { nullable: true, description: 'The sub-cards of this master card.' }) masterCardId?: string | null;
}

const limitSchema = z
  .object({
    period: z.enum(CardLimitPeriod),
    maxAmountMinor: z.number().int().positive().max(1_000_000_000).nullish(),
    maxVolumeMl: z.number().int().positive().max(1_000_000_000).nullish(),
  })
  .refine((l) => l.maxAmountMinor != null || l.maxVolumeMl != null, { message: 'a limit caps money, volume or both' });

export const rulesSchema = z.object({
  limits: z
    .array(limitSchema)
    .max(4)
    .nullish()
    .refine((ls) => new Set((ls ?? []).map((l) => l.period)).size === (ls ?? []).length, { message: 'one limit per period' }),
  allowedGrades: z.array(z.string().trim().min(1).max(16)).min(1).max(20).nullish(),
  allowedStationIds: z.array(z.uuid()).min(1).max(200).nullish(),
  plate: z.string().trim().min(2).max(16).nullish(),
  expiresOn: localDate.nullish(),
});

export const cardNumberSchema = z.string().regex(/^[0-9]{8,19}$/, '8–19 digits, as printed on the card');

export const issueSchema = rulesSchema.extend({
  cardNumber: cardNumberSchema,
  kind: z.enum(FuelCardKind),
  funding: z.enum(FuelCardFunding).nullish(),
  customerId: z.uuid().nullish(),
  masterCardId: z.uuid().nullish(),
});
export type IssueFuelCard = z.infer<typeof issueSchema>;
export type FuelCardRules = z.infer<typeof rulesSchema>;
