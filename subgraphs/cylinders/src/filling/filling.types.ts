import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, LocalDate } from '@hearth/platform/graphql';

@ObjectType({ description: 'One cylinder filled at a filling scale (充装记录), as the scale weighed it; kept at least two years (TSG 23-2021).' })
export class FillRecord {
  @Field(() => ID, { description: 'The scale fill’s id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The registered cylinder its tag names; null: none of your company’s.' })
  cylinderId!: string | null;

  @Field(() => String, { description: 'The tag the scale’s reader read.' })
  tag!: string;

  @Field(() => String, { description: 'The filling scale (its device id).' })
  scaleId!: string;

  @Field(() => ID, { nullable: true, description: 'The filling station of the scale; null: a scale the registry does not know.' })
  stationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The filling order open at the station for the cylinder’s spec when it was filled; null: none.' })
  fillingOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'The cylinder’s spec code; null for an unregistered tag.' })
  specCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Who filled it, as the scale reported.' })
  operator!: string | null;

  @Field(() => Float, { description: 'Tare weight, kg.' })
  tareKg!: number;

  @Field(() => Float, { description: 'Gross weight, kg.' })
  grossKg!: number;

  @Field(() => Float, { description: 'Net weight of gas filled, kg.' })
  netKg!: number;

  @Field(() => Date, { description: 'When the scale filled it.' })
  filledAt!: Date;

  @Field(() => Boolean, { description: 'Whether the interlock had released the scale for this cylinder; false: it was bypassed.' })
  released!: boolean;

  @Field(() => Boolean, { description: 'Whether the net weight was over the spec’s maximum fill plus tolerance.' })
  overfill!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the cylinder could not be marked FILLED (scrapped, in transit, unregistered…); null: it was.' })
  refusal!: string | null;

  @Field(() => Date, { description: 'When the cylinders service recorded it.' })
  recordedAt!: Date;
}

@ObjectType({ description: 'What a filling order’s fills add up to.' })
export class FillingTotals {
  @Field(() => Int, { description: 'Fills recorded.' })
  fills!: number;

  @Field(() => Float, { description: 'Net kg filled.' })
  netKg!: number;

  @Field(() => Int, { description: 'Fills over the spec’s maximum plus tolerance.' })
  overfills!: number;

  @Field(() => Int, { description: 'Fills while the scale was not released for the cylinder (the interlock bypassed).' })
  bypasses!: number;

  @Field(() => Int, { description: 'Fills whose cylinder could not be marked FILLED.' })
  refused!: number;
}

@ObjectType({ description: 'A production filling order (生产充装单): one station, one shift, one team, one spec.' })
export class FillingOrder {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => ID, { description: 'The filling station.' })
  stationId!: string;

  @Field(() => LocalDate, { description: 'The day of the shift.' })
  shiftDate!: string;

  @Field(() => String, { description: 'The shift (DAY, NIGHT, or the station’s own name).' })
  shift!: string;

  @Field(() => String, { nullable: true, description: 'The team on shift.' })
  team!: string | null;

  @Field(() => String, { description: 'The spec it fills.' })
  specCode!: string;

  @Field(() => Int, { nullable: true, description: 'How many cylinders it plans to fill.' })
  plannedCount!: number | null;

  @Field(() => Date, { description: 'When it was opened: fills from then on attach to it.' })
  openedAt!: Date;

  @Field(() => String, { description: 'Who opened it.' })
  openedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When it was closed; null: open.' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who closed it.' })
  closedBy!: string | null;
}

export const FillingOrderConnection = ConnectionType(FillingOrder, 'FillingOrder');
export const FillRecordConnection = ConnectionType(FillRecord, 'FillRecord');

@ObjectType({ description: 'Kg filled at a station against its source tank’s measured outflow over the same period.' })
export class FillingReconciliation {
  @Field(() => ID, { description: 'The filling station.' })
  stationId!: string;

  @Field(() => ID, { nullable: true, description: 'The tank it fills from; null: none is set.' })
  sourceTankId!: string | null;

  @Field(() => Date, { description: 'Start of the period.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period.' })
  to!: Date;

  @Field(() => Float, { description: 'Net kg the scales filled in the period.' })
  filledKg!: number;

  @Field(() => Float, { nullable: true, description: 'Mass that left the tank (its mass at the start less at the end); null: unknown (no tank, no readings).' })
  tankOutflowKg!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Outflow less kg filled (positive: gas left the tank that no scale weighed); null when the outflow is unknown.',
  })
  varianceKg!: number | null;

  @Field(() => Float, { nullable: true, description: 'The variance as a percentage of the outflow; null when the outflow is unknown or zero.' })
  variancePercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'The variance allowed: a share of the outflow plus a fixed allowance; null when the outflow is unknown.' })
  allowedVarianceKg!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the variance is over the allowance; null when the outflow is unknown.' })
  exceeded!: boolean | null;
}

@ObjectType({ description: 'A day’s fills at a station for one shift, spec and scale.' })
export class FillingShiftTotal {
  @Field(() => String, { nullable: true, description: 'The shift of the filling order; null: fills attached to no order.' })
  shift!: string | null;

  @Field(() => String, { nullable: true, description: 'The spec; null: unregistered tags.' })
  specCode!: string | null;

  @Field(() => String, { description: 'The filling scale.' })
  scaleId!: string;

  @Field(() => FillingTotals, { description: 'What its fills add up to.' })
  totals!: FillingTotals;
}

@InputType({ description: 'A filling order to open.' })
export class OpenFillingOrderInput {
  @Field(() => ID, { description: 'The filling station.' })
  stationId!: string;

  @Field(() => LocalDate, { description: 'The day of the shift.' })
  shiftDate!: string;

  @Field(() => String, { description: 'The shift: DAY, NIGHT, or the station’s own name (1–32 characters).' })
  shift!: string;

  @Field(() => String, { nullable: true, description: 'The team on shift (1–64 characters).' })
  team?: string | null;

  @Field(() => String, { description: 'The spec it fills; one open order per station and spec.' })
  specCode!: string;

  @Field(() => Int, { nullable: true, description: 'How many cylinders it plans to fill.' })
  plannedCount?: number | null;
}

@InputType({ description: 'Which filling orders to list.' })
export class FillingOrderFilter {
  @Field(() => ID, { nullable: true, description: 'Only this station’s.' })
  stationId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only this day’s shifts.' })
  shiftDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only open orders; false: only closed ones; omitted: both.' })
  open?: boolean | null;
}

@InputType({ description: 'Which fill records to list.' })
export class FillRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Only this station’s.' })
  stationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this scale’s.' })
  scaleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this cylinder’s.' })
  cylinderId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only fills at or after this instant.' })
  since?: Date | null;
}
