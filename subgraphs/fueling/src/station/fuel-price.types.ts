import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType, Minor } from '@hearth/platform/graphql';

@ObjectType({
  description: 'A grade’s unit price from an instant on, at one station or at every station of yours. Prices are never edited: a change is a new entry.',
})
@Directive('@key(fields: "id")')
export class FuelPrice {
  @Field(() => ID, { description: 'Stable id of the entry.' }) id!: string;
  /** Resolved to `grade` by the price resolver. */
  gradeCode!: string;
  @Field(() => ID, { nullable: true, description: 'The station (site id) it is for; null: every station of yours (company-wide).' }) stationId!: string | null;
  @Field(() => Minor, { description: 'Price per litre, in minor units (fen).' }) unitPriceMinor!: number;
  @Field(() => Date, { description: 'The instant it takes effect: a sale at or after it is priced at it.' }) effectiveAt!: Date;
  @Field(() => Date, { description: 'When it was entered.' }) createdAt!: Date;
}

export const FuelPriceConnection = ConnectionType(FuelPrice, 'FuelPrice');
