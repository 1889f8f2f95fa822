import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { TankConfigStore } from '../store/tank-config-store';
import type { TwinEvents } from '../../twin-events';
import type { TankTwinState } from '../model/tank-twin';
import type { TankKind } from '../tank-kind';
import type { TankTwins } from '../tank-twins';
import { TankCommandsResolver, TankDesiredStateResolver } from './tank-commands.resolver';
import { Tank } from './tank.entity';
import { tankChangesOf, TankHistoryResolver, tankOfChange, TankTwinResolver } from './tank-twin.resolver';

/** What the tank resolvers read and act through: committed twins, tank configuration, live events, and the core's. */
export interface TankGraphqlDeps extends CoreGraphqlDeps {
  twins: TankTwins;
  configs: TankConfigStore;
  events: TwinEvents<TankTwinState>;
  kind: TankKind;
}

/** The tank kind's part of the twins subgraph: `Tank.twin` (with history and commands), `tankTwinChanged`, `setTankDesiredState`. */
export function tankGraphql(deps: TankGraphqlDeps): KindGraphql {
  return {
    resolvers: [new TankTwinResolver(deps), new TankHistoryResolver(deps), new TankCommandsResolver(deps), new TankDesiredStateResolver(deps)],
    types: [Tank],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      Tank: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      // Each event without type-graphql's per-event conversion of the arguments (see tankOfChange).
      Subscription: { tankTwinChanged: { subscribe: tankChangesOf(deps.events), resolve: tankOfChange } },
    },
  };
}
