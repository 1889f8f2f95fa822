import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, type SubgraphContext } from '@hearth/platform/graphql';
import { siteLoader } from '../loaders';
import type { Services } from '../services';
import { TankConnection } from '../tank/tank.resolver';
import { Site } from './site.entity';
import { CreateSiteInput } from './site.input';

const SiteConnection = ConnectionType(Site, 'Site');

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly services: Services) {}

  @Query(() => SiteConnection, { description: 'Sites of your company, by name.' })
  sites(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return this.services.sites.list(ctx.tenantId, first, after);
  }

  @Query(() => Site, { nullable: true, description: 'One site by id; null if there is none.' })
  site(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Id of one of your company’s sites; any other id gives null.' }) id: string) {
    return siteLoader(ctx, this.services).load(id);
  }

  @Mutation(() => Site, { description: 'Registers a site.' })
  createSite(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CreateSiteInput, { description: 'The new site; its code must not be in use in your company (CONFLICT otherwise).' })
    input: CreateSiteInput,
  ) {
    return this.services.sites.create(ctx, input);
  }

  @FieldResolver(() => TankConnection, { description: 'Tanks at this site.' })
  tanks(
    @Root() site: Site,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return this.services.tanks.list(ctx.tenantId, { first, after, siteId: site.id });
  }
}
