import type { CylinderState } from '@hearth/platform/domain';
import { CylinderStateEnum, LocalDate } from '@hearth/platform/graphql';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import type { CylinderFacts } from '../model/cylinder-facts';
import type { CylinderTwinState } from '../model/cylinder-twin';

@ObjectType({
  description:
    'The live twin of a connected cylinder (a smart base or tracker weighing it): the gas left, its battery, the registry’s facts, alarms and connectivity.',
})
export class CylinderTwin extends DeviceTwinFields {
  @Field(() => Float, { nullable: true, description: 'Last weight on the base, kg (cylinder and gas); null before the first reading.' })
  grossKg!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Gas left, kg: the weight less the spec’s nominal tare, never below 0; null until the weight and the registry’s spec are known.',
  })
  remainingKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'Gas left as % of the spec’s maximum fill (above 100 when overfilled); null when not known.' })
  remainingPercent!: number | null;
  @Field(() => Float, { nullable: true, description: 'The device’s battery, %; null until it reports one.' }) batteryPercent!: number | null;
  @Field(() => CylinderStateEnum, { nullable: true, description: 'Where the registry says it is in its life; null when the registry is not known.' })
  state!: CylinderState | null;
  @Field(() => ID, { nullable: true, description: 'The site the registry has it at; null at a customer, in transit, or unknown.' })
  locationSiteId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The customer holding it; null unless it is AT_CUSTOMER.' }) holderCustomerId!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was last filled; null if never, or unknown.' }) lastFilledAt!: Date | null;
  @Field(() => LocalDate, { nullable: true, description: 'The last day it may be used before its periodic inspection (TSG 23-2021); null when unknown.' })
  nextInspectionDue!: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'The last day of its design life; null when unknown.' }) designLifeEnds!: string | null;
  @Field(() => [Alarm], { description: 'Open alarms (CYLINDER_EXPIRED_IN_USE, CYLINDER_GAS_LOW, CYLINDER_BATTERY_LOW), most severe first.' })
  alarms!: Alarm[];
  cylinderId!: string;
  tenantId!: string;
}

/** The twin as the API shows it: measured values as committed, the registry's facts as they are now (`facts`), else as last judged. */
export const toCylinderTwin = (s: CylinderTwinState, current: CylinderFacts | null): CylinderTwin => {
  const facts = current ?? s.facts;
  return {
    grossKg: s.grossKg,
    remainingKg: s.remainingKg,
    remainingPercent: s.remainingPercent,
    batteryPercent: s.batteryPercent,
    state: facts?.state ?? null,
    locationSiteId: facts?.locationSiteId ?? null,
    holderCustomerId: facts?.holderCustomerId ?? null,
    lastFilledAt: facts?.lastFilledAt ?? null,
    nextInspectionDue: facts?.nextInspectionDue ?? null,
    designLifeEnds: facts?.designLifeEnds ?? null,
    online: s.online,
    stale: s.stale,
    lastSeenAt: s.lastSeenAt,
    reportedAt: s.reportedAt,
    gatewayId: s.gatewayId,
    version: s.version,
    alarms: s.alarms,
    cylinderId: s.cylinderId,
    tenantId: s.tenantId,
  };
};
