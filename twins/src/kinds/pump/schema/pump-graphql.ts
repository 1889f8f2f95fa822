import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { PumpKind } from '../pump-kind';
import { pumpChangesOf } from './pump-changes';
import { PumpResolver } from './pump.resolver';
import { Pump, toPumpTwin } from './pump.types';

export interface PumpGraphqlDeps extends CoreGraphqlDeps {
  kind: PumpKind;
}

/** The pump kind's part of the twins subgraph: `Pump.twin` and `pumpTwinChanged`. */
export function pumpGraphql(deps: PumpGraphqlDeps): KindGraphql {
  return {
    resolvers: [new PumpResolver(deps)],
    types: [Pump],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      Pump: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      Subscription: { pumpTwinChanged: { subscribe: pumpChangesOf(deps), resolve: toPumpTwin } },
    },
  };
}
