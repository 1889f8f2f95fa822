import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import type { AlarmView } from '../alarms/alarm-events';
import { alarmCounts, countAlarms, listAlarms, type AlarmFilter as AlarmRows } from '../store/alarm-store';
import { Alarm, AlarmConnection, AlarmCount, AlarmFilter, AlarmSeverity, toAlarm } from './alarm.type';
import type { TwinsDeps } from './twins-deps';

@Resolver(() => Alarm)
export class AlarmResolver {
  constructor(private readonly deps: TwinsDeps) {}

  @Query(() => AlarmConnection, { description: 'Alarms of every asset of your company, newest first: the alarm centre’s list and each asset’s alarm history.' })
  async alarms(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => AlarmFilter, { nullable: true, description: 'Which alarms (none: all).' }) filter?: AlarmFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first = 50,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<Connection<Alarm>> {
    checkPageSize(first);
    const { kinds, assetKinds, ...rest } = filter ?? {};
    const rows: AlarmRows = { tenantId: ctx.tenantId, ...rest, assetKinds: kinds ?? assetKinds };
    const cursor = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
    return toConnection(
      await listAlarms(this.deps.db, rows, first + 1, cursor),
      first,
      await countAlarms(this.deps.db, rows),
      Boolean(after),
      (a) => [a.raisedAt.toISOString(), a.id],
      toAlarm,
    );
  }

  @Query(() => [AlarmCount], { description: 'Per severity, most severe first: alarms that need attention and how many nobody acknowledged.' })
  async alarmCounts(@Ctx() ctx: SubgraphContext): Promise<AlarmCount[]> {
    const counts = new Map((await alarmCounts(this.deps.db, ctx.tenantId)).map((c) => [c.severity, c]));
    return Object.values(AlarmSeverity).map((severity) => ({
      severity,
      standing: counts.get(severity)?.standing ?? 0,
      unacknowledged: counts.get(severity)?.unacknowledged ?? 0,
      shelved: counts.get(severity)?.shelved ?? 0,
    }));
  }

  @Subscription(() => Alarm, {
    description: 'Fires after each committed change of one of your company’s alarms: raised, cleared, acknowledged.',
    // Declared here for the schema; subscribed by the hand-written resolver of buildTwinsSchema, which knows this service's events.
    subscribe: () => {
      throw new Error('alarmChanged is subscribed by its hand-written resolver');
    },
  })
  alarmChanged(@Root() alarm: AlarmView): Alarm {
    return toAlarm(alarm);
  }

  @Mutation(() => Alarm, {
    description:
      'Acknowledges an alarm of any asset (ISA-18.2): ACTIVE becomes ACKNOWLEDGED, CLEARED_UNACKNOWLEDGED becomes CLEARED, with who and when; an alarm already acknowledged fails with INVALID_ALARM_TRANSITION.',
  })
  async acknowledgeAlarm(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The alarm’s `id` (one of your company’s; otherwise NOT_FOUND).' }) id: string,
    @Arg('comment', () => String, { nullable: true, description: 'What the operator noted, at most 1,000 characters.' }) comment?: string | null,
  ): Promise<Alarm> {
    return toAlarm(await this.deps.alarms.acknowledge(ctx, id, comment));
  }

  @Mutation(() => Alarm, {
    description:
      'Shelves an alarm that is not CLEARED (ISA-18.2): it leaves the alarm centre’s counts and default lists until `until` (at most 7 days ahead), with who and why; its asset’s twin still shows it. Shelving again replaces the time and reason.',
  })
  async shelveAlarm(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The alarm’s `id` (one of your company’s; otherwise NOT_FOUND).' }) id: string,
    @Arg('until', () => Date, { description: 'When it comes back on its own: in the future, at most 7 days ahead.' }) until: Date,
    @Arg('reason', () => String, { description: 'Why it is shelved (a nuisance alarm, maintenance …), 1–500 characters.' }) reason: string,
  ): Promise<Alarm> {
    return toAlarm(await this.deps.alarms.shelve(ctx, id, until, reason));
  }

  @Mutation(() => Alarm, { description: 'Puts a shelved alarm back before its time is up; one not shelved fails with INVALID_ALARM_TRANSITION.' })
  async unshelveAlarm(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The alarm’s `id`.' }) id: string): Promise<Alarm> {
    return toAlarm(await this.deps.alarms.unshelve(ctx, id));
  }
}
