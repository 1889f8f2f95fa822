import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { FuelGrade } from './fuel-grade.types';
import { FuelPrice, FuelPriceConnection } from './fuel-price.types';
import type { GradeService } from './grade.service';
import { SetFuelPriceInput } from './price.input';
import type { PriceService } from './price.service';
import { gradeLoader } from './station-loaders';

@Resolver(() => FuelPrice)
export class FuelPriceResolver {
  constructor(
    private readonly prices: PriceService,
    private readonly grades: GradeService,
  ) {}

  @Query(() => [FuelPrice], {
    description:
      'The price of each grade in effect at a station at an instant (one entry per grade that has one). The newest entry in effect wins, from its very instant; the station’s own price beats a company-wide one of the same instant, and a company-wide price set from a later instant replaces it.',
  })
  fuelPrices(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { description: 'The fuel station (its site id).' }) stationId: string,
    @Arg('at', () => Date, { nullable: true, description: 'The instant; omitted: now.' }) at: Date | null,
  ) {
    return this.prices.inEffect(ctx.tenantId, stationId, at);
  }

  @Query(() => FuelPriceConnection, { description: 'Price changes still to take effect, soonest first.' })
  scheduledFuelPrices(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { nullable: true, description: 'Only those that apply at this station (its own and company-wide); omitted: all.' })
    stationId: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size (1–200).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
  ) {
    return this.prices.scheduled(ctx.tenantId, stationId, first, after);
  }

  @Mutation(() => FuelPrice, {
    description: 'Sets a grade’s price at a station or every station, from now or from an instant ahead. Prices are never back-dated.',
  })
  setFuelPrice(@Ctx() ctx: SubgraphContext, @Arg('input', () => SetFuelPriceInput, { description: 'The price.' }) input: SetFuelPriceInput) {
    return this.prices.set(ctx, input);
  }

  @FieldResolver(() => FuelGrade, { description: 'The grade it prices.' })
  async grade(@Root() price: FuelPrice, @Ctx() ctx: SubgraphContext) {
    return gradeLoader(ctx, this.grades).load(price.gradeCode);
  }
}
