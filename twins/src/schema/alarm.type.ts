import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@hearth/platform/graphql';
import type { AlarmView } from '../alarms/alarm-events';
import type { AlarmRecord } from '../store/alarm-store';
import type { AlarmSeverity as Severity, AlarmStateName } from '../model/alarm';

export enum AlarmSeverity {
  CRITICAL = 'CRITICAL',
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
  WARNING = 'WARNING',
}
export enum AlarmState {
  ACTIVE = 'ACTIVE',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLEARED_UNACKNOWLEDGED = 'CLEARED_UNACKNOWLEDGED',
  CLEARED = 'CLEARED',
}
registerEnumType(AlarmSeverity, {
  name: 'AlarmSeverity',
  description: 'How urgent an alarm is, most urgent first.',
  valuesConfig: {
    CRITICAL: {
      description:
        'Most urgent: raised by LEVEL_HH, OVERFILL, GAS_LEL_HIGH_HIGH, VALVE_OPEN_AGAINST_INTERLOCK, PUMP_DISPENSING_UNAUTHORISED and METER_RELAY_TAMPER.',
    },
    MAJOR: {
      description:
        'Second most urgent: raised by LEVEL_LL, GATEWAY_OFFLINE, GAS_LEL_HIGH, DETECTOR_FAULT, DETECTOR_SILENT, VALVE_FAULT, PUMP_TOTALIZER_GAP, FUEL_SALE_IMPOSSIBLE_TRAVEL, FUEL_SALE_PRICE_MISMATCH, FUEL_SALE_UNFUNDED, METER_SUPPLY_CUT and METER_RELAY_UNCONFIRMED.',
    },
    MINOR: { description: 'Third most urgent: raised by FUEL_SALE_FREQUENT_SWIPES and METER_BALANCE_ALARM2.' },
    WARNING: { description: 'Least urgent, an early warning: raised by LEVEL_H, LEVEL_L, FUEL_SALE_LARGE_AMOUNT and METER_BALANCE_LOW.' },
  },
});
registerEnumType(AlarmState, {
  name: 'AlarmState',
  description: 'Where an alarm is (ISA-18.2): whether its condition holds, and whether someone acknowledged it (`acknowledgeAlarm`).',
  valuesConfig: {
    ACTIVE: { description: 'Its condition holds and nobody has acknowledged it yet.' },
    ACKNOWLEDGED: { description: 'Its condition holds; someone acknowledged it (see `acknowledgedBy`). It clears to CLEARED.' },
    CLEARED_UNACKNOWLEDGED: {
      description: 'Its condition is over (past the rule’s hysteresis, or the gateway is back) but nobody acknowledged it: it waits for that.',
    },
    CLEARED: { description: 'Its condition is over and it was acknowledged (or cleared before acknowledgement existed).' },
  },
});

/** What an alarm is about: a device of a kind, or an IoT gateway (values as stored: the `{kind}` of the topics). */
export enum AlarmAssetKind {
  TANK = 'tank',
  CYLINDER = 'cylinder',
  PUMP = 'pump',
  METER = 'meter',
  DETECTOR = 'detector',
  VALVE = 'valve',
  SCALE = 'scale',
  GATEWAY = 'gateway',
}
registerEnumType(AlarmAssetKind, {
  name: 'AlarmAssetKind',
  description: 'What an alarm is about.',
  valuesConfig: {
    TANK: { description: 'A tank (its gauge): level and overfill alarms.' },
    CYLINDER: { description: 'A cylinder or filling scale.' },
    PUMP: {
      description:
        'A dispenser pump: PUMP_DISPENSING_UNAUTHORISED, PUMP_TOTALIZER_GAP; and, raised already returned to normal for an operator to acknowledge, a settled sale’s anomalies: FUEL_SALE_LARGE_AMOUNT, FUEL_SALE_FREQUENT_SWIPES, FUEL_SALE_IMPOSSIBLE_TRAVEL, FUEL_SALE_PRICE_MISMATCH, FUEL_SALE_UNFUNDED.',
    },
    METER: {
      description:
        'A prepaid meter: METER_RELAY_TAMPER, METER_RELAY_UNCONFIRMED, METER_SUPPLY_CUT, METER_BALANCE_ALARM2; and, raised already returned to normal for an operator to acknowledge, METER_BALANCE_LOW.',
    },
    DETECTOR: { description: 'A gas-leak detector: GAS_LEL_HIGH, GAS_LEL_HIGH_HIGH, DETECTOR_FAULT, DETECTOR_SILENT.' },
    VALVE: { description: 'A shut-off valve: VALVE_OPEN_AGAINST_INTERLOCK, VALVE_FAULT.' },
    SCALE: { description: 'A cylinder filling scale: SCALE_INTERLOCK_BYPASSED, CYLINDER_OVERFILL.' },
    GATEWAY: { description: 'An IoT gateway: GATEWAY_OFFLINE.' },
  },
});

@ObjectType({ description: 'An alarm raised by a twin’s rules.' })
export class Alarm {
  @Field(() => ID, { description: 'This occurrence of the alarm (a UUID); a condition that clears and returns is raised under a new id.' }) id!: string;
  @Field(() => String, { description: 'Rule code, e.g. LEVEL_HH, LEVEL_H, LEVEL_L, LEVEL_LL, OVERFILL.' }) code!: string;
  @Field(() => AlarmSeverity, { description: 'How urgent it is; set by its rule (code).' }) severity!: Severity;
  @Field(() => AlarmState, { description: 'Where it is in its lifecycle; a twin’s `alarms` lists only those whose condition holds (ACTIVE, ACKNOWLEDGED).' })
  state!: AlarmStateName;
  @Field(() => String, { description: 'What the alarm means, for people.' }) message!: string;
  @Field(() => Float, { nullable: true, description: 'The value that raised it (level mm, fill %).' }) value!: number | null;
  @Field(() => Date, { description: 'When the condition began (sample time).' }) raisedAt!: Date;
  @Field(() => AlarmAssetKind, { nullable: true, description: 'What it is about; null in a twin’s `alarms` (the twin is the asset).' })
  assetKind?: AlarmAssetKind | null;
  @Field(() => ID, { nullable: true, description: 'The id of the tank, device or gateway it is about; null in a twin’s `alarms`.' }) assetId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The site its asset stands at (a tank’s site, a detector’s configured site); null when unknown, and in a twin’s `alarms`.',
  })
  siteId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When its condition ended; null while it holds.' }) clearedAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'When someone acknowledged it; null until then.' }) acknowledgedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Who acknowledged it: `user:<id>` or `apiKey:<id>`; null until then.' }) acknowledgedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'What they noted when they acknowledged it.' }) acknowledgementComment?: string | null;
  @Field(() => Date, { nullable: true, description: 'Shelved (off the alarm centre’s displays) until this time; null when not shelved.' })
  shelvedUntil?: Date | null;
  @Field(() => String, { nullable: true, description: 'Who shelved it: `user:<id>` or `apiKey:<id>`; null when not shelved.' }) shelvedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was shelved; null when not shelved.' }) shelveReason?: string | null;
}

export const AlarmConnection = ConnectionType(Alarm, 'Alarm');

@InputType({ description: 'Which alarms to list; every condition given must hold (none: all of your company’s).' })
export class AlarmFilter {
  @Field(() => [AlarmState], { nullable: true, description: 'Only alarms in one of these states (the alarm centre’s default: all but CLEARED).' })
  states?: AlarmState[] | null;
  @Field(() => [AlarmSeverity], { nullable: true, description: 'Only alarms of one of these severities.' }) severities?: AlarmSeverity[] | null;
  @Field(() => [AlarmAssetKind], { nullable: true, description: 'Only alarms about these kinds of asset (devices of a kind, or gateways).' }) kinds?:
    AlarmAssetKind[] | null;
  @Field(() => [AlarmAssetKind], { nullable: true, description: 'The same as `kinds`, its first name.', deprecationReason: 'Use `kinds`.' })
  assetKinds?: AlarmAssetKind[] | null;
  @Field(() => Date, { nullable: true, description: 'Only alarms raised at or after this time.' }) since?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only shelved alarms (true) or only those not shelved (false).' }) shelved?: boolean | null;
  @Field(() => [ID], { nullable: true, description: 'Only alarms about these assets (tank, device or gateway ids): an asset’s alarm history.' })
  assetIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Only alarms of assets at these sites (see `siteId`).' }) siteIds?: string[] | null;
}

@ObjectType({ description: 'How many alarms of one severity need attention: a dashboard’s badge.' })
export class AlarmCount {
  @Field(() => AlarmSeverity, { description: 'The severity counted.' }) severity!: AlarmSeverity;
  @Field(() => Int, { description: 'Alarms not yet CLEARED and not shelved: their condition holds, or nobody acknowledged them.' }) standing!: number;
  @Field(() => Int, { description: 'Of those, the ones nobody acknowledged (ACTIVE or CLEARED_UNACKNOWLEDGED).' }) unacknowledged!: number;
  @Field(() => Int, { description: 'Alarms not yet CLEARED but shelved: off the displays until their time is up.' }) shelved!: number;
}

/** A stored alarm as GraphQL shows it (the asset kinds are the enum's values). */
export const toAlarm = (a: AlarmRecord | AlarmView): Alarm => ({ ...a, assetKind: a.assetKind as AlarmAssetKind });
