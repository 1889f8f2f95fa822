import { ConnectionType } from '@hearth/platform/graphql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import type { ValveTwinState } from '../model/valve-twin';

export enum ValveAction {
  OPEN = 'OPEN',
  CLOSE = 'CLOSE',
}
registerEnumType(ValveAction, {
  name: 'ValveAction',
  description: 'What an operator asks a shut-off valve to do; the MQTT command payload carries it as `action`.',
  valuesConfig: {
    OPEN: { description: 'Open it (restore supply). Refused with INTERLOCK_ACTIVE while a gas interlock holds it closed.' },
    CLOSE: { description: 'Close it (cut supply).' },
  },
});

@ObjectType({ description: 'A gas interlock holding a valve closed: which detector tripped it, and when.' })
export class ValveInterlockView {
  @Field(() => ID, { description: 'The gas detector whose second-level alarm tripped it.' }) detectorId!: string;
  @Field(() => Date, { description: 'When it tripped (the close command was recorded).' }) trippedAt!: Date;
  @Field(() => ID, { description: 'The close command it sent.' }) commandId!: string;
  @Field(() => Float, { nullable: true, description: 'The concentration that tripped it, % LEL.' }) lelPercent!: number | null;
  @Field(() => Date, { nullable: true, description: 'When the valve first reported itself closed after the trip; null until it has.' }) closedAt!: Date | null;
}

@ObjectType({ description: 'The live twin of a gas shut-off valve: reported and desired position, interlock, connectivity, alarms.' })
export class ValveTwin extends DeviceTwinFields {
  @Field(() => Boolean, { nullable: true, description: 'Position the valve reports: true = open; null before it has reported.' }) open!: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Fault bits it reports (0: none); null before it has said.' }) fault!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Position asked for by the last command not withdrawn; null when none is asked.' }) desiredOpen!:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The position asked for that the valve does not report yet; null when in sync.' }) delta!:
    boolean | null;
  @Field(() => ValveInterlockView, { nullable: true, description: 'The gas interlock holding it closed; null when none holds.' })
  interlock!: ValveInterlockView | null;
  @Field(() => [Alarm], { description: 'Open alarms (VALVE_OPEN_AGAINST_INTERLOCK, VALVE_FAULT), most severe first.' }) alarms!: Alarm[];
  valveId!: string;
  tenantId!: string;
}

@ObjectType({ description: 'A gas shut-off valve of your company (a device of kind VALVE), with its live twin.' })
export class Valve {
  @Field(() => ID, { description: 'The `{deviceId}` of its MQTT topics.' }) id!: string;
  @Field(() => ValveTwin, { description: 'Its live twin (empty until it first reports).' }) twin!: ValveTwin;
}

export const ValveConnection = ConnectionType(Valve, 'Valve');

export const toValveTwin = (s: ValveTwinState): ValveTwin => ({
  open: s.open,
  fault: s.fault,
  desiredOpen: s.desired.open?.value ?? null,
  delta: s.desired.open !== undefined && s.desired.open.value !== s.open ? s.desired.open.value : null,
  interlock: s.interlock,
  online: s.online,
  stale: s.stale,
  lastSeenAt: s.lastSeenAt,
  reportedAt: s.reportedAt,
  gatewayId: s.gatewayId,
  version: s.version,
  alarms: s.alarms,
  valveId: s.valveId,
  tenantId: s.tenantId,
});
