import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { HearthError, ownedBy } from '@hearth/platform';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { boundDevicesPage, boundGateway, countBoundDevices } from '@hearth/broker';
import { MAX_SUBSCRIBED_DEVICES } from '../../valve/schema/valve.resolver';
import { emptyScaleTwin, type ScaleTwinState } from '../model/scale-twin';
import type { ScaleGraphqlDeps } from './scale-graphql';
import { FillingScale, FillingScaleConnection, ScaleTwin, toScaleTwin } from './scale.types';

/** What each `scaleTwinChanged` event resolves to: the scale, carrying the committed state. */
export const scaleOfChange = (state: ScaleTwinState): FillingScale => ({ id: state.scaleId, snapshot: state });

@Resolver(() => FillingScale)
export class ScaleResolver {
  constructor(private readonly deps: ScaleGraphqlDeps) {}

  @FieldResolver(() => ScaleTwin, {
    nullable: true,
    description: 'Its live twin (empty until it first reports); null for a scale of another tenant or one bound to no gateway.',
  })
  async twin(@Root() scale: FillingScale, @Ctx() ctx: SubgraphContext): Promise<ScaleTwin | null> {
    const state = ownedBy(scale.snapshot ?? this.deps.kind.twins.get(scale.id), ctx.tenantId);
    if (state) return toScaleTwin(state);
    return (await boundGateway(this.deps.db, ctx.tenantId, 'scale', scale.id)) ? toScaleTwin(emptyScaleTwin(scale.id, ctx.tenantId)) : null;
  }

  @Query(() => FillingScaleConnection, { description: 'Your filling scales bound as devices (kind SCALE), by id, with their twins.' })
  async scales(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<Connection<FillingScale>> {
    checkPageSize(first);
    const cursor = after ? String(decodeCursor(after, 1)[0]) : undefined;
    const rows = await boundDevicesPage(this.deps.db, ctx.tenantId, 'scale', first + 1, cursor);
    return toConnection(
      rows,
      first,
      await countBoundDevices(this.deps.db, ctx.tenantId, 'scale'),
      Boolean(after),
      (r) => [r.id],
      (r) => ({ id: r.id }),
    );
  }

  @Query(() => FillingScale, { nullable: true, description: 'One of your filling scales bound as a device; null if there is none.' })
  async scale(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The scale’s device id.' }) id: string): Promise<FillingScale | null> {
    return (await boundGateway(this.deps.db, ctx.tenantId, 'scale', id)) ? { id } : null;
  }

  @Subscription(() => FillingScale, {
    description: 'Fires after each committed change of the given scales’ twins (all your scales when scaleIds is omitted): weight, interlock, fills, alarms.',
    subscribe: () => {
      throw new Error('scaleTwinChanged is subscribed by the scale kind’s hand-written resolver');
    },
  })
  scaleTwinChanged(
    @Root() state: ScaleTwinState,
    @Arg('scaleIds', () => [ID], { nullable: true, description: `Up to ${MAX_SUBSCRIBED_DEVICES} scale ids.` }) _scaleIds?: string[] | null,
  ): FillingScale {
    return scaleOfChange(state);
  }
}

/** Subscribes `scaleTwinChanged` to the caller's scales' committed changes. */
export const scaleChangesOf =
  (deps: ScaleGraphqlDeps) =>
  (_root: unknown, args: { scaleIds?: string[] | null }, ctx: SubgraphContext): AsyncIterableIterator<ScaleTwinState> => {
    const ids = args.scaleIds ?? [];
    if (ids.length > MAX_SUBSCRIBED_DEVICES)
      throw new HearthError('LIMIT_EXCEEDED', `Subscribe to at most ${MAX_SUBSCRIBED_DEVICES} scales at once.`, { max: MAX_SUBSCRIBED_DEVICES });
    return deps.kind.events.changes(ctx.tenantId, ids);
  };
