import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { HearthError, ownedBy } from '@hearth/platform';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { MAX_SUBSCRIBED_DEVICES } from '../../valve/schema/valve.resolver';
import { emptyCylinderTwin, type CylinderTwinState } from '../model/cylinder-twin';
import type { CylinderGraphqlDeps } from './cylinder-graphql';
import { Cylinder } from './cylinder.entity';
import { CylinderTwin, toCylinderTwin } from './cylinder-twin.type';

@Resolver(() => Cylinder)
export class CylinderTwinResolver {
  constructor(private readonly deps: CylinderGraphqlDeps) {}

  @FieldResolver(() => CylinderTwin, {
    nullable: true,
    description: 'The live twin of its smart base or tracker; null for a cylinder of another tenant or one not bound as a device.',
  })
  twin(@Root() cylinder: Cylinder, @Ctx() ctx: SubgraphContext): CylinderTwin | null {
    const facts = this.deps.kind.facts.get(ctx.tenantId, cylinder.id);
    const state = ownedBy(cylinder.snapshot ?? this.deps.kind.twins.get(cylinder.id), ctx.tenantId);
    if (state) return toCylinderTwin(state, facts);
    // Bound but silent so far: an empty twin with the registry's facts.
    return facts ? toCylinderTwin(emptyCylinderTwin(cylinder.id, ctx.tenantId), facts) : null;
  }

  @Subscription(() => Cylinder, {
    description: 'Fires after each committed change of the given cylinders’ twins (all your connected cylinders when cylinderIds is omitted).',
    // Declared here for the schema; subscribed by `cylinderChangesOf` (cylinderGraphql), which knows this kind's events.
    subscribe: () => {
      throw new Error('cylinderTwinChanged is subscribed by the cylinder kind’s hand-written resolver');
    },
  })
  cylinderTwinChanged(
    @Root() event: CylinderTwinState,
    @Arg('cylinderIds', () => [ID], { nullable: true, description: `Up to ${MAX_SUBSCRIBED_DEVICES} cylinder ids.` }) _cylinderIds?: string[] | null,
  ): Cylinder {
    return cylinderOfChange(event);
  }
}

/** What each `cylinderTwinChanged` event resolves to: the cylinder, carrying the committed state. */
export const cylinderOfChange = (state: CylinderTwinState): Cylinder => ({ id: state.cylinderId, snapshot: state });

/** Subscribes `cylinderTwinChanged`: the caller's cylinders' committed changes, until the client leaves. */
export const cylinderChangesOf =
  (deps: CylinderGraphqlDeps) =>
  (_root: unknown, args: { cylinderIds?: string[] | null }, ctx: SubgraphContext): AsyncIterableIterator<CylinderTwinState> => {
    const ids = args.cylinderIds ?? [];
    if (ids.length > MAX_SUBSCRIBED_DEVICES)
      throw new HearthError('LIMIT_EXCEEDED', `Subscribe to at most ${MAX_SUBSCRIBED_DEVICES} cylinders at once.`, { max: MAX_SUBSCRIBED_DEVICES });
    return deps.kind.events.changes(ctx.tenantId, ids);
  };
