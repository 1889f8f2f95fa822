import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ownedBy } from '@hearth/platform';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { CommandStatus } from '../../../schema/command.type';
import { emptyMeterTwin, type MeterTwinState } from '../model/meter-twin';
import { boundMeters } from '../store/bound-meters';
import { commandStatuses } from '../store/meter-command-status';
import type { MeterGraphqlDeps } from './meter-graphql';
import { Meter, MeterRelay, MeterTwin } from './meter.types';

@Resolver(() => Meter)
export class MeterResolver {
  constructor(private readonly deps: MeterGraphqlDeps) {}

  @FieldResolver(() => MeterTwin, {
    nullable: true,
    description: 'Its live twin (empty until it first reports); null for a meter of another tenant or one bound to no gateway.',
  })
  async twin(@Root() meter: Meter, @Ctx() ctx: SubgraphContext): Promise<MeterTwin | null> {
    const state = ownedBy(this.deps.kind.twins.get(meter.id), ctx.tenantId);
    if (state) return this.deps.kind.view(state);
    // A page of meters comes in one `_entities` call: the ones without a twin yet are looked up together.
    const bound = await requestLoader(ctx, 'boundMeters', (ids) => boundMeters(this.deps.db, ctx.tenantId, ids)).load(meter.id);
    return bound ? this.deps.kind.view(emptyMeterTwin(meter.id, ctx.tenantId)) : null;
  }

  @Subscription(() => MeterTwin, {
    description:
      'Fires after each committed change of your meters’ twins, and when a meter’s balance moves: of one meter (meterId), of the meters of one site (siteId, as they stand when you subscribe), or of all of them.',
    subscribe: () => {
      throw new Error('meterTwinChanged is subscribed by the meter kind’s hand-written resolver');
    },
  })
  meterTwinChanged(
    @Root() state: MeterTwinState,
    @Arg('meterId', () => ID, { nullable: true, description: 'Only this meter.' }) _meterId?: string | null,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only the meters of this site (a mall, a building).' }) _siteId?: string | null,
  ): MeterTwin {
    return this.deps.kind.view(state);
  }
}

@Resolver(() => MeterRelay)
export class MeterRelayResolver {
  constructor(private readonly deps: MeterGraphqlDeps) {}

  @FieldResolver(() => CommandStatus, {
    nullable: true,
    description: 'How the newest relay command (or read-back) went, as the commands record it (`commands`); null before any.',
  })
  async lastCommandStatus(@Root() relay: MeterRelay, @Ctx() ctx: SubgraphContext): Promise<CommandStatus | null> {
    if (!relay.lastCommandId) return null;
    const statuses = requestLoader(ctx, 'meterCommandStatuses', (ids) => commandStatuses(this.deps.db, relay.tenantId, ids));
    // The twin is shown after its command committed: one not found is not known to have got anywhere.
    return ((await statuses.load(relay.lastCommandId)) ?? 'PENDING') as CommandStatus;
  }
}
