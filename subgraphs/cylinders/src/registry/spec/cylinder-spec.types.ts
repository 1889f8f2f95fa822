import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A cylinder size of your company (YSP35.5 …): what it holds, weighs, and how often it is inspected.' })
export class CylinderSpec {
  @Field(() => String, { description: 'Code, unique in your company (`YSP35.5`, `35L-15.1`).' }) code!: string;
  @Field(() => String, { description: 'Name shown to people.' }) name!: string;
  @Field(() => Float, { description: 'Water capacity, litres.' }) waterCapacityL!: number;
  @Field(() => Float, { description: 'Nominal tare (empty weight), kg.' }) nominalTareKg!: number;
  @Field(() => Float, { description: 'Most LPG it may be filled with, kg net.' }) maxFillKg!: number;
  @Field(() => Float, { description: 'How far a fill may go over `maxFillKg`, kg, before it is an overfill.' }) toleranceKg!: number;
  @Field(() => Int, { description: 'Years between periodic inspections (TSG 23-2021).' }) inspectionIntervalYears!: number;
  @Field(() => Int, { description: 'Design life in years, for cylinders registered without their own.' }) designLifeYears!: number;
  @Field(() => Int, { description: 'Deposit a customer pays for one, in minor units (fen).' }) depositMinor!: number;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}

/** The columns of `cylinders.spec` as a `CylinderSpec`. */
export const SPEC_COLUMNS = `code, name, water_capacity_l AS "waterCapacityL", nominal_tare_kg AS "nominalTareKg", max_fill_kg AS "maxFillKg",
  tolerance_kg AS "toleranceKg", inspection_interval_years AS "inspectionIntervalYears", design_life_years AS "designLifeYears",
  deposit_minor::float8 AS "depositMinor", updated_at AS "updatedAt"`;
