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
registerEnumType(AlarmSeverity, { name: 'AlarmSeverity', description: 'How urgent an alarm is, most urgent first.' });
registerEnumType(AlarmState, { name: 'AlarmState', description: 'Alarm lifecycle: ACTIVE → ACKNOWLEDGED → CLEARED.' });

@ObjectType({ description: 'An alarm raised by a twin’s rules.' })
export class Alarm {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Rule code, e.g. LEVEL_HH, LEVEL_H, LEVEL_L, LEVEL_LL, OVERFILL.' }) code!: string;
  @Field(() => AlarmSeverity) severity!: Severity;
  @Field(() => AlarmState) state!: AlarmStateName;
  @Field(() => String, { description: 'What the alarm means, for people.' }) message!: string;
  @Field(() => Float, { nullable: true, description: 'The value that raised it (level mm, fill %).' }) value!: number | null;
  @Field(() => Date, { description: 'When the condition began (sample time).' }) raisedAt!: Date;
}
