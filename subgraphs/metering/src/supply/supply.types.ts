import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate, Minor } from '@hearth/platform/graphql';

export enum ReconnectAction {
  ALLOW_CLOSE = 'ALLOW_CLOSE',
  CLOSE = 'CLOSE',
}
registerEnumType(ReconnectAction, {
  name: 'ReconnectAction',
  description: 'How a tripped meter is reconnected once its balance passes the threshold.',
  valuesConfig: {
    ALLOW_CLOSE: { description: 'The customer may close the relay (the meter’s button): nobody is surprised by power (DL/T 645 1B).' },
    CLOSE: { description: 'The relay closes at once (DL/T 645 1C).' },
  },
});

@ObjectType({ description: 'A local time span, HH:MM to HH:MM (crosses midnight when `to` is earlier).' })
export class TimeSpan {
  @Field(() => String, { description: 'From, included.' }) from!: string;
  @Field(() => String, { description: 'To, excluded.' }) to!: string;
}

@InputType({ description: 'A local time span, HH:MM to HH:MM.' })
export class TimeSpanInput {
  @Field(() => String, { description: 'From, included (22:00).' }) from!: string;
  @Field(() => String, { description: 'To, excluded (07:00).' }) to!: string;
}

@ObjectType({
  description: 'Your company’s prepaid supply policy: thresholds on a meter’s balance, emergency credit, reconnection and friendly-credit windows.',
})
export class MeteringPolicy {
  @Field(() => Minor, { description: 'The customer is told (an alarm partners subscribe to) at or below this balance, fen.' }) alarm1Minor!: number;
  @Field(() => Minor, { description: 'The meter sounds its alarm at or below this balance, fen.' }) alarm2Minor!: number;
  @Field(() => Minor, {
    description:
      'Emergency credit, fen (0: none): lent into the wallet when a meter in supply reaches zero with none outstanding, instead of the trip; the meter trips when it reaches zero again. Repaid from later top-ups.',
  })
  emergencyCreditMinor!: number;
  @Field(() => Float, { description: 'The share of each top-up that repays outstanding emergency credit, percent (0–100, two decimals).' })
  emergencyRecoverySharePercent!: number;
  @Field(() => Minor, { description: 'A tripped meter reconnects at or above this balance, fen.' }) reconnectMinor!: number;
  @Field(() => ReconnectAction, { description: 'How it reconnects.' }) reconnectAction!: ReconnectAction;
  @Field(() => TimeSpan, { nullable: true, description: 'No trip at night in this span (company time); null: none.' }) friendlyNights!: TimeSpan | null;
  @Field(() => Boolean, { description: 'No trip on Saturdays and Sundays.' }) friendlyWeekends!: boolean;
  @Field(() => Boolean, { description: 'No trip on the holidays listed.' }) friendlyHolidays!: boolean;
  @Field(() => [LocalDate], { description: 'Your holidays (public holidays), sorted.' }) holidays!: string[];
  @Field(() => Date, { nullable: true, description: 'When it was last changed; null: the defaults, never set.' }) updatedAt!: Date | null;
}

@InputType({ description: 'What to change in the supply policy; fields left out keep their value.' })
export class SetMeteringPolicyInput {
  @Field(() => Minor, { nullable: true, description: 'Alarm 1, fen.' }) alarm1Minor?: number | null;
  @Field(() => Minor, { nullable: true, description: 'Alarm 2, fen.' }) alarm2Minor?: number | null;
  @Field(() => Minor, { nullable: true, description: 'Emergency credit, fen (0 or more).' }) emergencyCreditMinor?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of each top-up repaying emergency credit, percent (0–100, two decimals; above 0 where credit is lent).',
  })
  emergencyRecoverySharePercent?: number | null;
  @Field(() => Minor, { nullable: true, description: 'Reconnection threshold, fen.' }) reconnectMinor?: number | null;
  @Field(() => ReconnectAction, { nullable: true, description: 'How a tripped meter reconnects.' }) reconnectAction?: ReconnectAction | null;
  @Field(() => TimeSpanInput, { nullable: true, description: 'The night window (22:00–07:00).' }) friendlyNights?: TimeSpanInput | null;
  @Field(() => Boolean, { nullable: true, description: 'True: no night window (friendlyNights is then ignored).' }) noFriendlyNights?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'No trip at weekends.' }) friendlyWeekends?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'No trip on holidays.' }) friendlyHolidays?: boolean | null;
  @Field(() => [LocalDate], { nullable: true, description: 'The holiday list, replacing the one kept (at most 366).' }) holidays?: string[] | null;
}
