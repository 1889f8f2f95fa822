import { Column } from 'typeorm';
import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Level alarm set points in millimetres; a null level has no alarm.' })
export class TankAlarmLevels {
  @Column({ name: 'high_high_mm', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'High-high: stop filling now (CRITICAL).' })
  highHighMm!: number | null;

  @Column({ name: 'high_mm', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'High: filling should end soon (WARNING).' })
  highMm!: number | null;

  @Column({ name: 'low_mm', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Low: order a delivery (WARNING).' })
  lowMm!: number | null;

  @Column({ name: 'low_low_mm', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Low-low: protect pumps, stop drawing (MAJOR).' })
  lowLowMm!: number | null;

  @Column({ name: 'alarm_deadband_mm', type: 'double precision' })
  @Field(() => Float, { description: 'Hysteresis: a level alarm clears only this far back inside its limit.' })
  deadbandMm!: number;
}
