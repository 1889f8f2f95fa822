import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { HearthError, ownedBy } from '@hearth/platform';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { Command, toCommand } from '../../../schema/command.type';
import { boundDevicesPage, boundGateway, countBoundDevices } from '@hearth/broker';
import { emptyValveTwin, type ValveTwinState } from '../model/valve-twin';
import type { ValveGraphqlDeps } from './valve-graphql';
import { toValveTwin, Valve, ValveAction, ValveConnection } from './valve.types';

export const MAX_SUBSCRIBED_DEVICES = 1000;

/** A valve as the API shows it: its twin as committed, or an empty one before it first reports. */
export const valveOf = (id: string, tenantId: string, state: ValveTwinState | undefined): Valve => ({
  id,
  twin: toValveTwin(ownedBy(state, tenantId) ?? emptyValveTwin(id, tenantId)),
});

@Resolver(() => Valve)
export class ValveResolver {
  constructor(private readonly deps: ValveGraphqlDeps) {}

  @Query(() => ValveConnection, { description: 'Your gas shut-off valves (devices of kind VALVE), by id.' })
  async valves(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<Connection<Valve>> {
    checkPageSize(first);
    const cursor = after ? String(decodeCursor(after, 1)[0]) : undefined;
    const rows = await boundDevicesPage(this.deps.db, ctx.tenantId, 'valve', first + 1, cursor);
    return toConnection(
      rows,
      first,
      await countBoundDevices(this.deps.db, ctx.tenantId, 'valve'),
      Boolean(after),
      (r) => [r.id],
      (r) => valveOf(r.id, ctx.tenantId, this.deps.kind.twins.get(r.id)),
    );
  }

  @Query(() => Valve, { nullable: true, description: 'One of your valves; null if there is none.' })
  async valve(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The valve’s device id.' }) id: string): Promise<Valve | null> {
    if (!(await boundGateway(this.deps.db, ctx.tenantId, 'valve', id))) return null;
    return valveOf(id, ctx.tenantId, this.deps.kind.twins.get(id));
  }

  @Mutation(() => Command, {
    description:
      'Opens or closes a valve: its twin shows what was asked (and the delta until the valve reports it), and a command with `"action": "OPEN" | "CLOSE"` goes to its gateway. OPEN is refused with INTERLOCK_ACTIVE while a gas interlock holds it closed.',
  })
  async operateValve(
    @Ctx() ctx: SubgraphContext,
    @Arg('valveId', () => ID, { description: 'One of your valves (otherwise NOT_FOUND).' }) valveId: string,
    @Arg('action', () => ValveAction, { description: 'OPEN or CLOSE.' }) action: ValveAction,
    @Arg('expiresInSeconds', () => Int, { nullable: true, description: 'How long the command may wait for the gateway (default: the service’s).' })
    expiresInSeconds?: number | null,
  ): Promise<Command> {
    return toCommand(await this.deps.kind.operate(ctx, valveId, action === ValveAction.OPEN, expiresInSeconds));
  }

  @Subscription(() => Valve, {
    description: 'Fires after each committed change of the given valves’ twins (all your valves when valveIds is omitted).',
    subscribe: () => {
      throw new Error('valveChanged is subscribed by the valve kind’s hand-written resolver');
    },
  })
  valveChanged(
    @Root() state: ValveTwinState,
    @Arg('valveIds', () => [ID], { nullable: true, description: `Up to ${MAX_SUBSCRIBED_DEVICES} valve ids.` }) _valveIds?: string[] | null,
  ): Valve {
    return valveOf(state.valveId, state.tenantId, state);
  }
}

/** Subscribes `valveChanged` to the caller's valves' committed changes. */
export const valveChangesOf =
  (deps: ValveGraphqlDeps) =>
  (_root: unknown, args: { valveIds?: string[] | null }, ctx: SubgraphContext): AsyncIterableIterator<ValveTwinState> => {
    const ids = args.valveIds ?? [];
    if (ids.length > MAX_SUBSCRIBED_DEVICES)
      throw new HearthError('LIMIT_EXCEEDED', `Subscribe to at most ${MAX_SUBSCRIBED_DEVICES} valves at once.`, { max: MAX_SUBSCRIBED_DEVICES });
    return deps.kind.events.changes(ctx.tenantId, ids);
  };
