import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { MeterKind } from '../meter-kind';
import type { MeterTwinState } from '../model/meter-twin';
import { MeterRelayResolver, MeterResolver } from './meter.resolver';
import { Meter } from './meter.types';

export interface MeterGraphqlDeps extends CoreGraphqlDeps {
  kind: MeterKind;
}

/**
 * `meterTwinChanged`: the caller's meters' committed changes, of one meter, of the meters at one
 * site (those the kind knows there when the subscription starts: one lookup per change, not a
 * filter over the tenant's), or all of them.
 */
const meterChangesOf =
  (deps: MeterGraphqlDeps) =>
  (_root: unknown, args: { meterId?: string | null; siteId?: string | null }, ctx: SubgraphContext): AsyncIterableIterator<MeterTwinState> => {
    if (args.meterId) return deps.kind.events.changes(ctx.tenantId, [args.meterId]);
    if (!args.siteId) return deps.kind.events.changes(ctx.tenantId, []);
    const ids = deps.kind.places.metersAt(ctx.tenantId, args.siteId);
    // A site without meters hears nothing: no device has the empty id (an empty list would mean every meter).
    return deps.kind.events.changes(ctx.tenantId, ids.length > 0 ? ids : ['']);
  };

/** The meter kind's part of the twins subgraph: `Meter.twin` and `meterTwinChanged`. */
export function meterGraphql(deps: MeterGraphqlDeps): KindGraphql {
  return {
    resolvers: [new MeterResolver(deps), new MeterRelayResolver(deps)],
    types: [Meter],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      Meter: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      Subscription: { meterTwinChanged: { subscribe: meterChangesOf(deps), resolve: (state: MeterTwinState) => deps.kind.view(state) } },
    },
  };
}
