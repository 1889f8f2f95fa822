import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hearth/platform/graphql';

@ObjectType({
  description:
    'An underground tank’s day: litres its nozzles sold against what its gauge says left it. Measured figures are null when the gauge gave no reading near either end of the day.',
})
export class TankWetStock {
  @Field(() => ID, { description: 'The tank (a `Tank` of the tanks subgraph).' }) tankId!: string;
  @Field(() => [String], { description: 'The grades its nozzles deliver.' }) gradeCodes!: string[];
  @Field(() => Int, { description: 'Sales through its nozzles that day.' }) salesCount!: number;
  @Field(() => Float, { description: 'Litres sold through its nozzles that day (the meters’ litres).' }) soldLiters!: number;
  @Field(() => Float, { nullable: true, description: 'Gauged volume at the start of the day (the last reading at or before it), L.' })
  openingLiters!: number | null;
  @Field(() => Date, { nullable: true, description: 'When that reading was taken.' }) openingReadAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Gauged volume at the end of the day (the last reading at or before it), L.' })
  closingLiters!: number | null;
  @Field(() => Date, { nullable: true, description: 'When that reading was taken.' }) closingReadAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Deliveries seen: rises between consecutive readings of more than 50 L.' }) deliveries!: number | null;
  @Field(() => Float, { nullable: true, description: 'Litres delivered: each rise plus what the tank sold while it rose.' })
  deliveredLiters!: number | null;
  @Field(() => Float, { nullable: true, description: 'Litres that left the tank: opening + delivered − closing.' }) measuredOutflowLiters!: number | null;
  @Field(() => Float, { nullable: true, description: 'Measured outflow − sold, L: positive is fuel gone unsold (a loss), negative a gain.' })
  varianceLiters!: number | null;
  @Field(() => Float, { nullable: true, description: 'The variance as a percent of the litres sold; null also when nothing was sold.' })
  variancePercent!: number | null;
  @Field(() => Float, { description: 'The variance allowed: 0.5 % of the litres sold + 20 L.' }) allowedVarianceLiters!: number;
  @Field(() => Boolean, { nullable: true, description: 'The variance is beyond what is allowed, either way; null when unknown.' })
  exceeded!: boolean | null;
}

@ObjectType({ description: 'A station’s wet-stock reconciliation for a day (油品日对账): each underground tank its nozzles draw from.' })
export class FuelWetStockReport {
  @Field(() => ID, { description: 'The station (site id).' }) stationId!: string;
  @Field(() => LocalDate, { description: 'The day, in the company’s calendar.' }) day!: string;
  @Field(() => Date, { description: 'The day’s first instant.' }) from!: Date;
  @Field(() => Date, { description: 'The next day’s first instant.' }) to!: Date;
  @Field(() => [TankWetStock], { description: 'Per tank recorded on the station’s nozzles.' }) tanks!: TankWetStock[];
  @Field(() => Int, { description: 'Sales that day through nozzles with no tank recorded (reconciled against nothing).' })
  unassignedSalesCount!: number;
  @Field(() => Float, { description: 'Their litres.' }) unassignedSoldLiters!: number;
}
