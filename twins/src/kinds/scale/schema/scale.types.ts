import { ConnectionType } from '@hearth/platform/graphql';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import type { ScaleTwinState } from '../model/scale-twin';

export enum ScaleInterlockState {
  LOCKED = 'LOCKED',
  RELEASED = 'RELEASED',
}
registerEnumType(ScaleInterlockState, {
  name: 'ScaleInterlockState',
  description: 'Whether a filling scale may fill (as last commanded by the filling interlock, or locked by the scale itself after a fill).',
  valuesConfig: {
    LOCKED: { description: 'It may not fill: see `reason`.' },
    RELEASED: { description: 'It may fill the one cylinder whose tag it was released for.' },
  },
});

@ObjectType({ description: 'The filling interlock of a scale (ADR 0016): decided from the committed cylinder registry at each tag read.' })
export class ScaleInterlockView {
  @Field(() => ScaleInterlockState, { description: 'Locked or released.' }) state!: ScaleInterlockState;
  @Field(() => String, { nullable: true, description: 'The tag (RFID EPC or QR code) it was decided for; null before the first read.' }) tag!: string | null;
  @Field(() => ID, { nullable: true, description: 'The cylinder that tag names; null when the registry names none.' }) cylinderId!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why it is locked: a refusal of the filling check (UNREGISTERED, SCRAPPED, REPORTED_LOST, PAST_DESIGN_LIFE, INSPECTION_OVERDUE, FOREIGN_OWNER, FIXED_TO_OTHER_STATION, NOT_FILLABLE_NOW, REGISTRY_UNAVAILABLE, SCALE_NOT_REGISTERED), FILLED (it locked itself after a fill) or RELEASE_NOT_CARRIED_OUT; null when released.',
  })
  reason!: string | null;
  @Field(() => String, { nullable: true, description: 'The reason, for people; null when released.' }) message!: string | null;
  @Field(() => ID, { nullable: true, description: 'The LOCK or RELEASE command that carries it; null for the scale’s own lock after a fill.' }) commandId!:
    string | null;
  @Field(() => Date, { description: 'When it was decided (the command recorded, or the fill reported).' }) decidedAt!: Date;
  @Field(() => Float, { nullable: true, description: 'The released cylinder’s maximum fill, kg (its spec’s); null when locked.' }) maxFillKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'The tolerance over the maximum fill, kg; null when locked.' }) toleranceKg!: number | null;
}

@ObjectType({ description: 'The last fill a scale reported.' })
export class ScaleFillView {
  @Field(() => String, { description: 'The tag of the cylinder it filled.' }) tag!: string;
  @Field(() => ID, { nullable: true, description: 'The cylinder it was released for, when the fill was of its tag; null for a fill it was not released for.' })
  cylinderId!: string | null;
  @Field(() => Float, { description: 'Net weight filled, kg.' }) netKg!: number;
  @Field(() => Date, { description: 'When the scale filled it (device time).' }) at!: Date;
  @Field(() => Boolean, { nullable: true, description: 'Over the spec’s maximum fill plus tolerance; null when not judged (not released for it).' })
  overfill!: boolean | null;
}

@ObjectType({ description: 'The live twin of a cylinder filling scale: weight, filling interlock, last fill, connectivity and alarms.' })
export class ScaleTwin extends DeviceTwinFields {
  @Field(() => Float, { nullable: true, description: 'Live weight on the platform, kg; null before it reported.' }) weightKg!: number | null;
  @Field(() => ScaleInterlockView, { nullable: true, description: 'Its filling interlock; null before the first tag read.' })
  interlock!: ScaleInterlockView | null;
  @Field(() => ScaleFillView, { nullable: true, description: 'The last fill it reported; null before any.' }) lastFill!: ScaleFillView | null;
  @Field(() => [Alarm], { description: 'Open alarms (SCALE_INTERLOCK_BYPASSED, CYLINDER_OVERFILL), most severe first.' }) alarms!: Alarm[];
  scaleId!: string;
  tenantId!: string;
}

@ObjectType({ description: 'A cylinder filling scale (owned by the cylinders subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class FillingScale {
  @Field(() => ID, { description: 'The scale’s id: the `{deviceId}` of its MQTT topics.' }) id!: string;
  /** The state an event carried, so a subscriber sees exactly the change it was told about. */
  snapshot?: ScaleTwinState;
}

export const FillingScaleConnection = ConnectionType(FillingScale, 'FillingScale');

export const toScaleTwin = (s: ScaleTwinState): ScaleTwin => ({
  weightKg: s.weightKg,
  interlock: s.interlock && { ...s.interlock, state: s.interlock.state as ScaleInterlockState },
  lastFill: s.lastFill,
  online: s.online,
  stale: s.stale,
  lastSeenAt: s.lastSeenAt,
  reportedAt: s.reportedAt,
  gatewayId: s.gatewayId,
  version: s.version,
  alarms: s.alarms,
  scaleId: s.scaleId,
  tenantId: s.tenantId,
});
