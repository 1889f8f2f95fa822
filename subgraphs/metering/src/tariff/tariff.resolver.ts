import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { tariffVersionAt } from '@hearth/platform/domain';
import { MeterKind } from '../meter/meter.enums';
import { CreateTariffInput, TariffVersionInput } from './tariff.input';
import { tariffLoader, tariffVersionsLoader } from './tariff-loaders';
import type { TariffService } from './tariff.service';
import type { TariffRow } from './tariff.store';
import { Tariff, TariffConnection, TariffVersionView } from './tariff.types';
import { versionView } from './tariff-view';
import type { StoredTariffVersion } from './tariff-versions';

@Resolver(() => Tariff)
export class TariffResolver {
  constructor(private readonly service: TariffService) {}

  @Query(() => TariffConnection, { description: 'Your tariffs, in the order they were created.' })
  tariffs(
    @Ctx() ctx: SubgraphContext,
    @Arg('kind', () => MeterKind, { nullable: true, description: 'Only those for meters of this kind.' }) kind: MeterKind | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ) {
    return this.service.list(ctx.tenantId, kind, first, after);
  }

  @Query(() => Tariff, { nullable: true, description: 'One of your tariffs; null for any other id.' })
  tariff(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The tariff’s id.' }) id: string) {
    return tariffLoader(ctx, this.service.db).load(id);
  }

  @Mutation(() => Tariff, { description: 'Creates a tariff with its first version (flat, tiered or time of use), from now or an instant ahead.' })
  createTariff(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateTariffInput, { description: 'The tariff.' }) input: CreateTariffInput) {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Tariff, {
    description:
      'Adds a version to a tariff from an instant on (a price change): never back-dated, so consumption already charged keeps its price. A version still to take effect is corrected by adding one at the same instant.',
  })
  addTariffVersion(
    @Ctx() ctx: SubgraphContext,
    @Arg('tariffId', () => ID, { description: 'The tariff.' }) tariffId: string,
    @Arg('version', () => TariffVersionInput, { description: 'What it charges from then on.' }) version: TariffVersionInput,
    @Arg('effectiveFrom', () => Date, { nullable: true, description: 'When it takes effect; omitted: now. Never more than a minute in the past.' })
    effectiveFrom?: Date | null,
  ) {
    return this.service.addVersion(ctx, tariffId, effectiveFrom, version);
  }

  @FieldResolver(() => [TariffVersionView], { description: 'Every version, oldest first: those in effect before, the current one and those scheduled.' })
  async versions(@Root() tariff: TariffRow, @Ctx() ctx: SubgraphContext) {
    const now = new Date();
    return ((await tariffVersionsLoader(ctx, this.service.db).load(tariff.id)) ?? []).map((v) => versionView(v, now));
  }

  @FieldResolver(() => TariffVersionView, { nullable: true, description: 'The version in effect now; null before the first takes effect.' })
  async current(@Root() tariff: TariffRow, @Ctx() ctx: SubgraphContext) {
    const now = new Date();
    const version = tariffVersionAt((await tariffVersionsLoader(ctx, this.service.db).load(tariff.id)) ?? [], now) as StoredTariffVersion | null;
    return version ? versionView(version, now) : null;
  }
}
