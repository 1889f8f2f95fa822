import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { TankDesiredState, TankStateValues } from './tank-desired.type';

export enum HistoryResolution {
  AUTO = 'AUTO',
  RAW = 'RAW',
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
}
registerEnumType(HistoryResolution, {
  name: 'HistoryResolution',
  description: 'Time resolution of a history query; AUTO keeps within maxPoints.',
  valuesConfig: {
    AUTO: {
      description:
        'Buckets as wide as the range ÷ maxPoints (at least 1 s; whole minutes from 1 minute, whole hours from 1 hour), averaged from raw samples or the 1-minute or 1-hour aggregates.',
    },
    RAW: { description: 'Every stored sample, not averaged; LIMIT_EXCEEDED when the range holds more than maxPoints.' },
    MINUTE: { description: '1-minute averages; LIMIT_EXCEEDED when the range spans more than maxPoints minutes.' },
    HOUR: { description: '1-hour averages; LIMIT_EXCEEDED when the range spans more than maxPoints hours.' },
  },
});

@ObjectType({ description: 'One point of tank history (an average over its bucket).' })
export class TankReading {
  @Field(() => Date, { description: 'Start of the bucket, or the sample time for RAW.' }) at!: Date;
  @Field(() => Float, { nullable: true, description: 'Liquid level, mm; null when no sample in the bucket reported one.' }) levelMm!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Observed volume from the strapping table, L; null when no sample in the bucket had one (it needs a level and a strapping table).',
  })
  volumeLiters!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Observed volume as % of capacity; null when no sample in the bucket had one (it needs a level and a strapping table).',
  })
  fillPercent!: number | null;
  @Field(() => Float, { nullable: true, description: 'Product temperature, °C; null when no sample in the bucket reported one.' }) temperatureC!: number | null;
}

@ObjectType({ description: 'The live digital twin of a tank: what its gauge reported, what that means, and whether it is online.' })
export class TankTwin {
  @Field(() => Float, { nullable: true, description: 'Reported liquid level, mm.' }) levelMm!: number | null;
  @Field(() => Float, { nullable: true, description: 'Reported product temperature, °C.' }) temperatureC!: number | null;
  @Field(() => Float, { nullable: true, description: 'Reported vapour pressure, kPa.' }) pressureKPa!: number | null;
  @Field(() => Float, { nullable: true, description: 'Reported water bottom, mm.' }) waterLevelMm!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Reported inlet valve position: true = open.' }) inletValveOpen!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Reported high-high trip point of the gauge, mm.' }) highHighSetpointMm!: number | null;
  @Field(() => Float, { nullable: true, description: 'Observed volume from the strapping table, L.' }) volumeLiters!: number | null;
  @Field(() => Float, { nullable: true, description: 'Volume corrected to the reference temperature, L.' }) volumeAtReferenceLiters!: number | null;
  @Field(() => Float, { nullable: true, description: 'Observed volume as % of capacity.' }) fillPercent!: number | null;
  @Field(() => Float, { nullable: true, description: 'Product mass, kg (reference volume × density).' }) massKg!: number | null;
  @Field(() => Boolean, { description: 'Whether the gauge can be reached: its gateway is connected and it is not stale.' }) online!: boolean;
  @Field(() => Boolean, { description: 'Its gateway is connected, but the gauge has been silent longer than the tank timeout.' }) stale!: boolean;
  @Field(() => Date, { nullable: true, description: 'When a message from the gauge last arrived.' }) lastSeenAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Time of the newest reading the twin shows.' }) reportedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The IoT gateway the gauge reports through.' }) gatewayId!: string | null;
  @Field(() => Int, { description: 'Bumped by every change of the twin.' }) version!: number;
  @Field(() => [Alarm], { description: 'Open alarms (ACTIVE or ACKNOWLEDGED).' }) alarms!: Alarm[];
  @Field(() => TankDesiredState, { description: 'What operators asked for (set with setTankDesiredState).' }) desired!: TankDesiredState;
  @Field(() => TankStateValues, {
    nullable: true,
    description: 'Desired values the gauge does not report yet; null when in sync. Clears only when the reported state matches.',
  })
  delta!: TankStateValues | null;
  /** Carried for the history resolver; not a GraphQL field. */
  tankId!: string;
  tenantId!: string;
}
