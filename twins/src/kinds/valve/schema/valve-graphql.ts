import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { ValveKind } from '../valve-kind';
import type { ValveTwinState } from '../model/valve-twin';
import { valveChangesOf, valveOf, ValveResolver } from './valve.resolver';

export interface ValveGraphqlDeps extends CoreGraphqlDeps {
  kind: ValveKind;
}

/** The valve kind's part of the twins subgraph: `valves`, `valve`, `operateValve`, `valveChanged`. */
export function valveGraphql(deps: ValveGraphqlDeps): KindGraphql {
  return {
    resolvers: [new ValveResolver(deps)],
    types: [],
    handWritten: {
      Subscription: { valveChanged: { subscribe: valveChangesOf(deps), resolve: (state: ValveTwinState) => valveOf(state.valveId, state.tenantId, state) } },
    },
  };
}
