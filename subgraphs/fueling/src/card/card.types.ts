import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate, Minor, SafeInt } from '@hearth/platform/graphql';
import { CardLimitPeriod, CardList, CardListOp, FuelCardFunding, FuelCardKind, FuelCardStatus } from './card.enums';

@ObjectType({ description: 'A limit of a card over a period, by money and by volume, and what it has used (settled sales and held authorisations).' })
export class FuelCardLimit {
  @Field(() => CardLimitPeriod, { description: 'The period it counts over.' }) period!: CardLimitPeriod;
  @Field(() => Minor, { nullable: true, description: 'Most money per period, fen; null: no money cap.' }) maxAmountMinor!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Most fuel per period, ml; null: no volume cap.' }) maxVolumeMl!: number | null;
  @Field(() => Minor, { description: 'Money used in the current period, fen.' }) usedAmountMinor!: number;
  @Field(() => SafeInt, { description: 'Fuel used in the current period, ml.' }) usedVolumeMl!: number;
  @Field(() => Boolean, { description: 'True for the master card’s limit, which counts every card of the company account.' }) fromMasterCard!: boolean;
}

@ObjectType({ description: 'An IC fuel card (加油卡). Only its printed number is kept: never a PIN or track data.' })
@Directive('@key(fields: "id")')
export class FuelCard {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'The number printed on the card.' }) cardNumber!: string;
  @Field(() => FuelCardKind, { description: 'Named, anonymous, a company’s master card or a sub-card.' }) kind!: FuelCardKind;
  @Field(() => FuelCardFunding, { description: 'Stored value or credit.' }) funding!: FuelCardFunding;
  @Field(() => ID, { nullable: true, description: 'The holder’s customer id; null for an anonymous card.' }) customerId!: string | null;
  @Field(() => ID, { description: 'The ledger account it pays from (a sub-card: its master’s).' }) accountId!: string;
  @Field(() => ID, { nullable: true, description: 'Its master card, for a sub-card.' }) masterCardId!: string | null;
  @Field(() => FuelCardStatus, { description: 'Whether it may buy fuel.' }) status!: FuelCardStatus;
  @Field(() => LocalDate, { nullable: true, description: 'Valid through this day; null: no expiry.' }) expiresOn!: string | null;
  @Field(() => [String], { nullable: true, description: 'Only these grades; null: any.' }) allowedGrades!: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Only at these stations; null: any.' }) allowedStationIds!: string[] | null;
  @Field(() => String, { nullable: true, description: 'Bound to this vehicle plate: the pump must be told the same plate.' }) plate!: string | null;
  @Field(() => ID, { nullable: true, description: 'The card that replaced it, once reissued.' }) replacedById!: string | null;
  @Field(() => Date, { description: 'When it was issued.' }) issuedAt!: Date;
  @Field(() => Date, { description: 'When its status last changed.' }) statusChangedAt!: Date;
}

export const CARD_COLUMNS = `id::text, card_number AS "cardNumber", kind, funding, customer_id::text AS "customerId", account_id::text AS "accountId",
  master_card_id::text AS "masterCardId", status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", allowed_grades AS "allowedGrades",
  allowed_stations::text[] AS "allowedStationIds", plate, replaced_by::text AS "replacedById", issued_at AS "issuedAt", status_changed_at AS "statusChangedAt"`;

@ObjectType({ description: 'What a card can pay now: its account’s balance and credit less what authorisations hold.' })
export class FuelCardFunds {
  @Field(() => Minor, { description: 'The account’s balance, fen.' }) balanceMinor!: number;
  @Field(() => Minor, { description: 'How far below zero the account may go, fen.' }) creditLimitMinor!: number;
  @Field(() => Minor, { description: 'Held by authorisations whose sales have not settled, fen.' }) heldMinor!: number;
  @Field(() => Minor, { description: 'What it can still pay: balance + credit − held.' }) availableMinor!: number;
}

@ObjectType({ description: 'One numbered change of the company’s card lists: station controllers apply them in order.' })
export class FuelCardListChange {
  @Field(() => Int, { description: 'Its number: the lists as of a version are every change up to it.' }) version!: number;
  @Field(() => CardList, { description: 'Which list.' }) list!: CardList;
  @Field(() => String, { description: 'The card.' }) cardNumber!: string;
  @Field(() => CardListOp, { description: 'Put on or taken off.' }) op!: CardListOp;
  @Field(() => String, { description: 'Why (LOST, REPLACED, SALE_NOT_SETTLED, …).' }) reason!: string;
  @Field(() => Date, { description: 'When.' }) at!: Date;
}

@ObjectType({ description: 'Changes of the card lists after a version, and the newest version.' })
export class FuelCardListChanges {
  @Field(() => [FuelCardListChange], { description: 'In version order, at most `first`.' }) changes!: FuelCardListChange[];
  @Field(() => Int, { description: 'The newest version: ask again after the last change returned until it is reached.' }) headVersion!: number;
}

@ObjectType({ description: 'A station controller’s confirmation of the card lists it holds.' })
export class FuelCardListConfirmation {
  @Field(() => ID, { description: 'The station (site id).' }) stationId!: string;
  @Field(() => Int, { description: 'The version it holds now.' }) version!: number;
  @Field(() => Date, { description: 'When it confirmed.' }) confirmedAt!: Date;
  @Field(() => Int, { description: 'The newest version: the station is behind by the difference.' }) headVersion!: number;
}
