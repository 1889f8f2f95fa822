import type { SubgraphContext } from '@hearth/platform/graphql';
import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { PumpKind } from '../pump-kind';
import { pumpChangesOf } from './pump-changes';
import { FuelPriceRolloutResolver, PumpPricesResolver } from './pump-prices.resolver';
import { FuelPrice } from './pump-prices.types';
import { PumpResolver } from './pump.resolver';
import { Pump, toPumpTwin } from './pump.types';

export interface PumpGraphqlDeps extends CoreGraphqlDeps {
  kind: PumpKind;
}

/** The pump kind's part of the twins subgraph: `Pump.twin` (with its prices), `pumpTwinChanged`, and `FuelPrice.rollout`. */
export function pumpGraphql(deps: PumpGraphqlDeps): KindGraphql {
  return {
    resolvers: [new PumpResolver(deps), new PumpPricesResolver(deps), new FuelPriceRolloutResolver(deps)],
    types: [Pump, FuelPrice],
    handWritten: {
      // Any id resolves; the `twin` field decides per tenant what is visible.
      Pump: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      // Any id resolves; `rollout` counts only the caller's.
      FuelPrice: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      Subscription: { pumpTwinChanged: { subscribe: pumpChangesOf(deps), resolve: toPumpTwin } },
    },
  };
}
