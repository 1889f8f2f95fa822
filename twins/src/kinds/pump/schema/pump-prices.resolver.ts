import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { effectiveStatus, type CommandStatus as Status } from '../../../model/command';
import type { CommandStatus } from '../../../schema/command.type';
import type { PriceRollout } from '../model/price-rollout';
import { commandOutcomes, rollouts } from '../store/price-commands';
import type { PumpGraphqlDeps } from './pump-graphql';
import { FuelPrice, FuelPriceRollout, PumpPriceView } from './pump-prices.types';
import { PumpTwin } from './pump.types';

/** `PumpTwin.prices`: the prices the twin holds, with their commands' status read in one query per request. */
@Resolver(() => PumpTwin)
export class PumpPricesResolver {
  constructor(private readonly deps: PumpGraphqlDeps) {}

  @FieldResolver(() => [PumpPriceView], {
    description:
      'Per grade, the price last sent to the pump (SET_PRICES by service:price-board), its command’s status and when the pump confirmed it; by grade.',
  })
  async prices(@Root() twin: PumpTwin, @Ctx() ctx: SubgraphContext): Promise<PumpPriceView[]> {
    const commands = requestLoader(ctx, 'pumpPriceCommands', (ids) => commandOutcomes(this.deps.db, ctx.tenantId, ids));
    const now = new Date();
    return Promise.all(
      twin.priceAsks.map(async (ask): Promise<PumpPriceView> => {
        const outcome = await commands.load(ask.commandId);
        // The twin is shown after its command committed, and commands are kept: one not found is not known to have got anywhere.
        const status: Status = outcome ? effectiveStatus({ status: outcome.status as Status, expiresAt: outcome.expiresAt }, now) : 'PENDING';
        const confirmedAt = status === 'DONE' ? (outcome?.completedAt ?? null) : null;
        return {
          grade: ask.grade,
          unitPriceMinor: ask.unitPriceMinor,
          commandId: ask.commandId,
          askedAt: ask.askedAt,
          status: status as CommandStatus,
          confirmedAt,
        };
      }),
    );
  }
}

/** `FuelPrice.rollout`: counted over the pumps each change applies to, one query for all the changes of a request. */
@Resolver(() => FuelPrice)
export class FuelPriceRolloutResolver {
  constructor(private readonly deps: PumpGraphqlDeps) {}

  @FieldResolver(() => FuelPriceRollout, {
    nullable: true,
    description:
      'How far it reached the pumps it applies to, from the SET_PRICES commands carrying it: confirmed, pending (its time not come, or not confirmed yet) or failed. Null for a price not yours.',
  })
  rollout(@Root() price: FuelPrice, @Ctx() ctx: SubgraphContext): Promise<FuelPriceRollout | null> {
    return requestLoader<PriceRollout>(ctx, 'fuelPriceRollout', (ids) => rollouts(this.deps.db, ctx.tenantId, ids)).load(price.id);
  }
}
