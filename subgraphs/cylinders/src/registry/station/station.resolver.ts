import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { SiteReference } from '@hearth/platform/graphql';
import { FillingScale, FillingStation } from './filling-station.types';
import { RegisterFillingScaleInput, SaveFillingStationInput } from './station.input';
import type { StationService } from './station.service';

@Resolver(() => FillingStation)
export class FillingStationResolver {
  constructor(private readonly stations: StationService) {}

  @Query(() => [FillingStation], { description: 'Your filling stations.' })
  fillingStations(@Ctx() ctx: SubgraphContext) {
    return this.stations.stations(ctx.tenantId);
  }

  @Query(() => [FillingScale], { description: 'Your filling scales, by station and name.' })
  fillingScales(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { nullable: true, description: 'Only this station’s; omitted: every station’s.' }) stationId?: string | null,
  ) {
    return this.stations.scales(ctx.tenantId, stationId);
  }

  @Mutation(() => FillingStation, { description: 'Makes a site a filling station, or changes the company it fills for and its source tank.' })
  saveFillingStation(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => SaveFillingStationInput, { description: 'The station.' }) input: SaveFillingStationInput,
  ) {
    return this.stations.saveStation(ctx, input);
  }

  @Mutation(() => FillingScale, { description: 'Registers a filling scale at a station (or moves or renames it).' })
  registerFillingScale(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => RegisterFillingScaleInput, { description: 'The scale.' }) input: RegisterFillingScaleInput,
  ) {
    return this.stations.registerScale(ctx, input);
  }

  @FieldResolver(() => SiteReference, { description: 'The station’s site.' })
  site(@Root() station: FillingStation) {
    return { id: station.siteId };
  }

  @FieldResolver(() => [FillingScale], { description: 'Its scales, by name.' })
  scales(@Root() station: FillingStation, @Ctx() ctx: SubgraphContext) {
    return this.stations.scales(ctx.tenantId, station.siteId);
  }
}
