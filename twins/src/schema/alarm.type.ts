import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
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
  CLEARED = 'CLEARED',
}
registerEnumType(AlarmSeverity, {
  name: 'AlarmSeverity',
  description: 'How urgent an alarm is, most urgent first.',
  valuesConfig: {
    CRITICAL: { description: 'Most urgent: raised by LEVEL_HH and OVERFILL.' },
    MAJOR: { description: 'Second most urgent: raised by LEVEL_LL and GATEWAY_OFFLINE.' },
    MINOR: { description: 'Third most urgent; no rule of the twins raises it at present.' },
    WARNING: { description: 'Least urgent, an early warning: raised by LEVEL_H and LEVEL_L.' },
  },
});
registerEnumType(AlarmState, {
  name: 'AlarmState',
  description: 'Alarm lifecycle: ACTIVE → ACKNOWLEDGED → CLEARED.',
  valuesConfig: {
    ACTIVE: { description: 'Raised and not acknowledged; its condition still holds.' },
    ACKNOWLEDGED: { description: 'Seen by an operator; it stays open until its condition clears.' },
    CLEARED: { description: 'Its condition is over (past the rule’s hysteresis, or the gateway is back); no longer listed in a twin’s `alarms`.' },
  },
});

@ObjectType({ description: 'An alarm raised by a twin’s rules.' })
export class Alarm {
  @Field(() => ID, { description: 'This occurrence of the alarm (a UUID); a condition that clears and returns is raised under a new id.' }) id!: string;
  @Field(() => String, { description: 'Rule code, e.g. LEVEL_HH, LEVEL_H, LEVEL_L, LEVEL_LL, OVERFILL.' }) code!: string;
  @Field(() => AlarmSeverity, { description: 'How urgent it is; set by its rule (code).' }) severity!: Severity;
  @Field(() => AlarmState, { description: 'Where it is in its lifecycle; a twin’s `alarms` lists only ACTIVE and ACKNOWLEDGED ones.' }) state!: AlarmStateName;
  @Field(() => String, { description: 'What the alarm means, for people.' }) message!: string;
  @Field(() => Float, { nullable: true, description: 'The value that raised it (level mm, fill %).' }) value!: number | null;
  @Field(() => Date, { description: 'When the condition began (sample time).' }) raisedAt!: Date;
}
