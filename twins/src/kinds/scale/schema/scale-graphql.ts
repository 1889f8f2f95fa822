import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { ScaleKind } from '../scale-kind';
import { scaleChangesOf, scaleOfChange, ScaleResolver } from './scale.resolver';
import { FillingScale } from './scale.types';

export interface ScaleGraphqlDeps extends CoreGraphqlDeps {
  kind: ScaleKind;
}

/** The scale kind's part of the twins subgraph: `FillingScale.twin`, `scales`, `scale`, `scaleTwinChanged`. */
export function scaleGraphql(deps: ScaleGraphqlDeps): KindGraphql {
  return {
    resolvers: [new ScaleResolver(deps)],
    types: [FillingScale],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      FillingScale: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      Subscription: { scaleTwinChanged: { subscribe: scaleChangesOf(deps), resolve: scaleOfChange } },
    },
  };
}
