import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Tank state that operators set and the device reports: the inlet valve and the gauge’s high-high trip.' })
export class TankStateValues {
  @Field(() => Boolean, { nullable: true, description: 'The inlet (filling) valve: true = open.' }) inletValveOpen!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'The gauge’s own high-high trip point, mm (the field shutdown; not the LEVEL_HH alarm level).' })
  highHighSetpointMm!: number | null;
}

@ObjectType({ description: 'What operators asked the tank to be; each value stays until reported, replaced or withdrawn.' })
export class TankDesiredState extends TankStateValues {
  @Field(() => Date, { nullable: true, description: 'When the latest of these values was asked for.' }) updatedAt!: Date | null;
}

@InputType({ description: 'Desired state to set; omitted fields keep what was asked before.' })
export class TankDesiredStateInput {
  @Field(() => Boolean, { nullable: true, description: 'Open (true) or close (false) the inlet valve.' }) inletValveOpen?: boolean | null;
  @Field(() => Float, { nullable: true, description: 'A new high-high trip point for the gauge, mm.' }) highHighSetpointMm?: number | null;
  @Field(() => Int, { nullable: true, description: 'How long the command may wait for an offline gateway before it expires (default 1 hour).' })
  expiresInSeconds?: number | null;
}
