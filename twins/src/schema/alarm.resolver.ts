import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { Alarm } from './alarm.type';
import type { TwinsDeps } from './twins-deps';

@Resolver(() => Alarm)
export class AlarmResolver {
  constructor(private readonly deps: TwinsDeps) {}

  @Mutation(() => Alarm, {
    description:
      'Acknowledges an alarm of any asset (ISA-18.2): ACTIVE becomes ACKNOWLEDGED, CLEARED_UNACKNOWLEDGED becomes CLEARED, with who and when; an alarm already acknowledged fails with INVALID_ALARM_TRANSITION.',
  })
  acknowledgeAlarm(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The alarm’s `id` (one of your company’s; otherwise NOT_FOUND).' }) id: string,
    @Arg('comment', () => String, { nullable: true, description: 'What the operator noted, at most 1,000 characters.' }) comment?: string | null,
  ): Promise<Alarm> {
    return this.deps.alarms.acknowledge(ctx, id, comment);
  }
}
