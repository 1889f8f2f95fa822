import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hearth/platform/graphql';
import { FuelSale } from '../sale/sale.types';

@ObjectType({ description: 'How many sales of the day an anomaly rule flagged.' })
export class FuelAnomalyCount {
  @Field(() => String, {
    description:
      'The rule: LARGE_AMOUNT, FREQUENT_SWIPES, IMPOSSIBLE_TRAVEL, PRICE_VOLUME_MISMATCH, PRICE_NOT_IN_EFFECT, TOTALIZER_MISMATCH or UNFUNDED (see `FuelSaleAnomaly`).',
  })
  code!: string;
  @Field(() => Int, { description: 'Sales it flagged (a sale flagged by two rules counts under both).' }) salesCount!: number;
}

@ObjectType({ description: 'The sales of a day the anomaly rules flagged, for a supervisor’s review.' })
export class FuelAnomalyReport {
  @Field(() => LocalDate, { description: 'The day, in the company’s calendar (by when fuelling ended).' }) day!: string;
  @Field(() => Date, { description: 'The day’s first instant.' }) from!: Date;
  @Field(() => Date, { description: 'The next day’s first instant (not counted).' }) to!: Date;
  @Field(() => ID, { nullable: true, description: 'The station; null: every station of yours.' }) stationId!: string | null;
  @Field(() => Int, { description: 'Sales flagged by at least one rule.' }) flaggedSalesCount!: number;
  @Field(() => [FuelAnomalyCount], { description: 'Per rule, most frequent first.' }) counts!: FuelAnomalyCount[];
  @Field(() => [FuelSale], { description: 'The flagged sales, newest first, at most `first` of them (`fuelTransactions` pages through the rest).' })
  sales!: FuelSale[];
  @Field(() => Boolean, { description: 'More sales were flagged than listed.' }) truncated!: boolean;
}
