import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, type SubgraphContext } from '@hearth/platform/graphql';
import { notFound } from '@hearth/platform';
import { siteLoader, tankLoader } from '../loaders';
import type { Services } from '../services';
import { Site } from '../site/site.entity';
import { StrappingTable } from '../strapping/strapping-table.entity';
import { Tank } from './tank.entity';
import { CreateTankInput, UpdateTankInput } from './tank.input';

export const TankConnection = ConnectionType(Tank, 'Tank');

@Resolver(() => Tank)
export class TankResolver {
  constructor(private readonly services: Services) {}

  @Query(() => TankConnection, { description: 'Tanks of your company, by name; page with `first`/`after`.' })
  tanks(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from a previous page.' }) after?: string | null,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only tanks of this site.' }) siteId?: string | null,
  ) {
    return this.services.tanks.list(ctx.tenantId, { first, after, siteId });
  }

  @Query(() => Tank, { nullable: true, description: 'One tank by id; null if there is none.' })
  tank(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Id of one of your company’s tanks; any other id gives null.' }) id: string) {
    return tankLoader(ctx, this.services).load(id);
  }

  @Mutation(() => Tank, { description: 'Registers a tank at a site.' })
  createTank(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CreateTankInput, { description: 'The new tank; optional settings left out take the defaults given on each field.' })
    input: CreateTankInput,
  ) {
    return this.services.tanks.create(ctx, input);
  }

  @Mutation(() => Tank, { description: 'Changes a tank’s configuration; the twin picks it up at once.' })
  updateTank(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'Id of one of your company’s tanks (NOT_FOUND otherwise).' }) id: string,
    @Arg('input', () => UpdateTankInput, { description: 'The settings to change; omitted fields keep their value.' }) input: UpdateTankInput,
  ) {
    return this.services.tanks.update(ctx, id, input);
  }

  @FieldResolver(() => Site, { description: 'Where the tank stands.' })
  async site(@Root() tank: Tank, @Ctx() ctx: SubgraphContext): Promise<Site> {
    const site = await siteLoader(ctx, this.services).load(tank.siteId);
    if (!site) throw notFound('Site', tank.siteId);
    return site;
  }

  @FieldResolver(() => StrappingTable, { nullable: true, description: 'The calibration table in force; null until one is recorded.' })
  strappingTable(@Root() tank: Tank, @Ctx() ctx: SubgraphContext) {
    return this.services.strapping.current(ctx.tenantId, tank.id);
  }

  @FieldResolver(() => [StrappingTable], { description: 'Every calibration version, newest first.' })
  strappingTableHistory(@Root() tank: Tank, @Ctx() ctx: SubgraphContext) {
    return this.services.strapping.history(ctx.tenantId, tank.id);
  }
}
