import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { checkPageSize, type SubgraphContext } from '@hearth/platform/graphql';
import { Command, toCommand } from '../../../schema/command.type';
import { listCommands } from '../../../store/command-store';
import { setTankDesiredState } from '../tank-desired-state';
import type { TankGraphqlDeps } from './tank-graphql';
import { TankDesiredStateInput } from './tank-desired.type';
import { TankTwin } from './tank-twin.type';

/** Desired state of tanks, carried to their gauges as commands. */
@Resolver(() => Command)
export class TankDesiredStateResolver {
  constructor(private readonly deps: TankGraphqlDeps) {}

  @Mutation(() => Command, {
    description:
      'Sets desired state on a tank: the twin shows it (and the delta until the gauge reports it), and a command goes to the tank’s gateway now, or when it reconnects, until it expires.',
  })
  async setTankDesiredState(
    @Ctx() ctx: SubgraphContext,
    @Arg('tankId', () => ID, { description: 'One of your tanks, bound to a gateway (otherwise NOT_FOUND or DEVICE_NOT_BOUND).' }) tankId: string,
    @Arg('input', () => TankDesiredStateInput, { description: 'What to ask for: at least one of inletValveOpen and highHighSetpointMm.' })
    input: TankDesiredStateInput,
  ): Promise<Command> {
    return toCommand(await setTankDesiredState(this.deps, ctx, tankId, input));
  }
}

@Resolver(() => TankTwin)
export class TankCommandsResolver {
  constructor(private readonly deps: TankGraphqlDeps) {}

  @FieldResolver(() => [Command], { description: 'The tank’s latest commands, newest first.' })
  async commands(@Root() twin: TankTwin, @Arg('first', () => Int, { defaultValue: 10, description: '1–200.' }) first: number): Promise<Command[]> {
    checkPageSize(first);
    const rows = await listCommands(this.deps.db, { tenantId: twin.tenantId, kind: 'tank', deviceId: twin.tankId }, first);
    const now = new Date();
    return rows.map((c) => toCommand(c, now));
  }
}
