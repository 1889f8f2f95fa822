import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SiteReference, type SubgraphContext } from '@hearth/platform/graphql';
import { FuelPrice } from './fuel-price.types';
import { FuelStation, FuelStationConnection } from './fuel-station.types';
import { offlineCardsAccepted } from './offline-cards';
import type { PriceService } from './price.service';
import type { PumpService } from './pump.service';
import { Pump } from './pump.types';
import { stationLoader } from './station-loaders';
import { SaveFuelStationInput } from './station.input';
import type { StationService } from './station.service';

@Resolver(() => FuelStation)
export class FuelStationResolver {
  constructor(
    private readonly stations: StationService,
    private readonly pumpService: PumpService,
    private readonly priceService: PriceService,
  ) {}

  @Query(() => FuelStationConnection, { description: 'Your fuel stations, in the order they became stations.' })
  fuelStations(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size (1–200).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
  ) {
    return this.stations.list(ctx.tenantId, first, after);
  }

  @Query(() => FuelStation, { nullable: true, description: 'One of your fuel stations; null for any other id.' })
  fuelStation(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Its site id.' }) id: string) {
    return stationLoader(ctx, this.stations).load(id);
  }

  @Mutation(() => FuelStation, { description: 'Makes a site of yours a fuel station, or changes its position or offline card window.' })
  saveFuelStation(@Ctx() ctx: SubgraphContext, @Arg('input', () => SaveFuelStationInput, { description: 'The station.' }) input: SaveFuelStationInput) {
    return this.stations.save(ctx, input);
  }

  @FieldResolver(() => SiteReference, { description: 'The station’s site (name and address come from the tanks subgraph).' })
  site(@Root() station: FuelStation) {
    return { id: station.id };
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether its controller may sell on cards while offline now: false once it has not confirmed a card list within `offlineCardWindowMinutes` (or never has), and it stops taking cards until it confirms one.',
  })
  offlineCardsAccepted(@Root() station: FuelStation) {
    return offlineCardsAccepted(station, new Date());
  }

  @FieldResolver(() => [Pump], { description: 'Its pumps by dispenser and name (at most 64).' })
  pumps(@Root() station: FuelStation, @Ctx() ctx: SubgraphContext) {
    return this.pumpService.atStation(ctx.tenantId, station.id);
  }

  @FieldResolver(() => [FuelPrice], { description: 'The price of each grade in effect there now (see `fuelPrices`).' })
  prices(@Root() station: FuelStation, @Ctx() ctx: SubgraphContext) {
    return this.priceService.inEffect(ctx.tenantId, station.id);
  }
}
