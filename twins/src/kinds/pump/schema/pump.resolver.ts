import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ownedBy } from '@hearth/platform';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { emptyPumpTwin, type PumpTwinState } from '../model/pump-twin';
import { boundPumps } from '../store/bound-pumps';
import type { PumpGraphqlDeps } from './pump-graphql';
import { Pump, PumpTwin, toPumpTwin } from './pump.types';

@Resolver(() => Pump)
export class PumpResolver {
  constructor(private readonly deps: PumpGraphqlDeps) {}

  @FieldResolver(() => PumpTwin, {
    nullable: true,
    description: 'Its live twin (empty until it first reports); null for a pump of another tenant or one bound to no gateway.',
  })
  async twin(@Root() pump: Pump, @Ctx() ctx: SubgraphContext): Promise<PumpTwin | null> {
    const state = ownedBy(this.deps.kind.twins.get(pump.id), ctx.tenantId);
    if (state) return toPumpTwin(state);
    // A station's pumps come in one `_entities` call: the ones without a twin yet are looked up together.
    const bound = await requestLoader(ctx, 'boundPumps', (ids) => boundPumps(this.deps.db, ctx.tenantId, ids)).load(pump.id);
    return bound ? toPumpTwin(emptyPumpTwin(pump.id, ctx.tenantId)) : null;
  }

  @Subscription(() => PumpTwin, {
    description:
      'Fires after each committed change of your pumps’ twins: of one pump (pumpId), of one station’s pumps (stationId), or of all of them: state, the sale in progress, card answers, sales, alarms.',
    subscribe: () => {
      throw new Error('pumpTwinChanged is subscribed by the pump kind’s hand-written resolver');
    },
  })
  pumpTwinChanged(
    @Root() state: PumpTwinState,
    @Arg('pumpId', () => ID, { nullable: true, description: 'Only this pump.' }) _pumpId?: string | null,
    @Arg('stationId', () => ID, { nullable: true, description: 'Only the pumps of this fuel station.' }) _stationId?: string | null,
  ): PumpTwin {
    return toPumpTwin(state);
  }
}
