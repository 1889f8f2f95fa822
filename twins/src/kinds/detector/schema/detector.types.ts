import { ConnectionType } from '@hearth/platform/graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import { Valve } from '../../valve/schema/valve.types';
import type { DetectorTwinState } from '../model/detector-twin';

export enum GasLevel {
  NORMAL = 'NORMAL',
  FIRST = 'FIRST',
  SECOND = 'SECOND',
}
registerEnumType(GasLevel, {
  name: 'GasLevel',
  description: 'Which alarm level a gas detector’s reading stands at (with the levels’ hysteresis).',
  valuesConfig: {
    NORMAL: { description: 'Below the first level (or nothing read yet).' },
    FIRST: { description: 'At or above the first level: GAS_LEL_HIGH (MAJOR) is open.' },
    SECOND: { description: 'At or above the second level: GAS_LEL_HIGH_HIGH (CRITICAL) is open and the bound valve is closed.' },
  },
});

@ObjectType({ description: 'A gas detector’s alarm levels, % LEL.' })
export class DetectorLevelsView {
  @Field(() => Float, { description: 'First level: a MAJOR alarm (default 20 % LEL; industrial at most 25).' }) firstLel!: number;
  @Field(() => Float, { description: 'Second level: a CRITICAL alarm that closes the bound valve (default 50 % LEL; industrial at most 50).' })
  secondLel!: number;
  @Field(() => Boolean, { description: 'An industrial installation: its levels are held to GB/T 50493-2019’s caps.' }) industrial!: boolean;
}

@ObjectType({ description: 'One point of a detector’s history: the peak of its bucket.' })
export class DetectorReading {
  @Field(() => Date, { description: 'Start of the bucket.' }) at!: Date;
  @Field(() => Float, { nullable: true, description: 'The highest concentration read in the bucket, % LEL (peaks matter for gas, not averages).' })
  lelPercent!: number | null;
  @Field(() => Int, { nullable: true, description: 'Every fault bit reported in the bucket (bitwise or); null when none was reported.' }) fault!: number | null;
}

@ObjectType({ description: 'The live twin of a gas detector: its reading, faults, alarms and connectivity.' })
export class DetectorTwin extends DeviceTwinFields {
  @Field(() => Float, { nullable: true, description: 'Last concentration read, % of the lower explosive limit; null before the first reading.' })
  lelPercent!: number | null;
  @Field(() => Int, { nullable: true, description: 'Fault bits it reports (0: none); null before it has said.' }) fault!: number | null;
  @Field(() => GasLevel, { description: 'The alarm level its reading stands at.' }) level!: GasLevel;
  @Field(() => [Alarm], { description: 'Open alarms (GAS_LEL_HIGH_HIGH, GAS_LEL_HIGH, DETECTOR_FAULT, DETECTOR_SILENT), most severe first.' }) alarms!: Alarm[];
  detectorId!: string;
  tenantId!: string;
}

@ObjectType({ description: 'A gas-leak detector of your company (a device of kind DETECTOR): its levels, its valve and its live twin.' })
export class Detector {
  @Field(() => ID, { description: 'The `{deviceId}` of its MQTT topics.' }) id!: string;
  @Field(() => DetectorLevelsView, { description: 'Its alarm levels (the defaults until configured).' }) levels!: DetectorLevelsView;
  @Field(() => ID, { nullable: true, description: 'The site it stands at (one of your sites); its alarms carry it. Null when not configured.' }) siteId!:
    string | null;
  @Field(() => Valve, { nullable: true, description: 'The shut-off valve its second level closes (its twin shows the interlock); null when none is bound.' })
  valve!: Valve | null;
  @Field(() => DetectorTwin, { description: 'Its live twin (empty until it first reports).' }) twin!: DetectorTwin;
}

export const DetectorConnection = ConnectionType(Detector, 'Detector');

@InputType({ description: 'A detector’s settings; fields left out keep their value.' })
export class DetectorSettingsInput {
  @Field(() => Float, { nullable: true, description: 'First level, % LEL (1–90; industrial at most 25).' }) firstLel?: number | null;
  @Field(() => Float, { nullable: true, description: 'Second level, % LEL, above the first (at most 100; industrial at most 50).' }) secondLel?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'An industrial installation (GB/T 50493-2019 caps apply).' }) industrial?: boolean | null;
  @Field(() => ID, {
    nullable: true,
    description: 'One of your valves, closed by the interlock when the second level is reached; send null to unbind (omit to keep).',
  })
  valveId?: string | null;
  @Field(() => ID, { nullable: true, description: 'One of your sites, where it stands; send null to clear (omit to keep).' }) siteId?: string | null;
}

export const gasLevelOf = (twin: DetectorTwinState): GasLevel =>
  twin.alarms.some((a) => a.code === 'GAS_LEL_HIGH_HIGH')
    ? GasLevel.SECOND
    : twin.alarms.some((a) => a.code === 'GAS_LEL_HIGH')
      ? GasLevel.FIRST
      : GasLevel.NORMAL;

export const toDetectorTwin = (s: DetectorTwinState): DetectorTwin => ({
  lelPercent: s.lelPercent,
  fault: s.fault,
  level: gasLevelOf(s),
  online: s.online,
  stale: s.stale,
  lastSeenAt: s.lastSeenAt,
  reportedAt: s.reportedAt,
  gatewayId: s.gatewayId,
  version: s.version,
  alarms: s.alarms,
  detectorId: s.detectorId,
  tenantId: s.tenantId,
});
