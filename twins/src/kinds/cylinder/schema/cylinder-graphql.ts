import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { CylinderKind } from '../cylinder-kind';
import { Cylinder } from './cylinder.entity';
import { cylinderChangesOf, cylinderOfChange, CylinderTwinResolver } from './cylinder-twin.resolver';

export interface CylinderGraphqlDeps extends CoreGraphqlDeps {
  kind: CylinderKind;
}

/** The cylinder kind's part of the twins subgraph: `Cylinder.twin` and `cylinderTwinChanged`. */
export function cylinderGraphql(deps: CylinderGraphqlDeps): KindGraphql {
  return {
    resolvers: [new CylinderTwinResolver(deps)],
    types: [Cylinder],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      Cylinder: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      // Each event without type-graphql's per-event conversion of the arguments.
      Subscription: { cylinderTwinChanged: { subscribe: cylinderChangesOf(deps), resolve: cylinderOfChange } },
    },
  };
}
