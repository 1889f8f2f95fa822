import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { countCommands, listCommands, type CommandFilter } from '../store/command-store';
import { Command, CommandConnection, CommandStatus, toCommand } from './command.type';
import type { TwinsDeps } from './twins-deps';

@Resolver(() => Command)
export class CommandResolver {
  constructor(private readonly deps: TwinsDeps) {}

  @Mutation(() => Command, { description: 'Cancels a PENDING or SENT command and withdraws what it asked for (a command already sent may still be acted on).' })
  async cancelCommand(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The command’s `id`.' }) id: string): Promise<Command> {
    return toCommand(await this.deps.desiredState.cancel(ctx, id));
  }

  @Query(() => CommandConnection, { description: 'Commands of your company, newest first: the audit of every desired-state change and its outcome.' })
  async commands(
    @Ctx() ctx: SubgraphContext,
    @Arg('tankId', () => ID, { nullable: true, description: 'Only this tank’s commands.' }) tankId?: string | null,
    @Arg('status', () => CommandStatus, { nullable: true, description: 'Only commands stored with this status.' }) status?: CommandStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first = 50,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from a previous page.' }) after?: string | null,
  ): Promise<Connection<Command>> {
    const filter: CommandFilter = { tenantId: ctx.tenantId, ...(tankId ? { kind: 'tank', deviceId: tankId } : {}), ...(status ? { statuses: [status] } : {}) };
    checkPageSize(first);
    const cursor = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
    const rows = await listCommands(this.deps.db, filter, first + 1, cursor);
    const now = new Date();
    return toConnection(
      rows,
      first,
      await countCommands(this.deps.db, filter),
      Boolean(after),
      (c) => [c.createdAt.toISOString(), c.id],
      (c) => toCommand(c, now),
    );
  }
}
