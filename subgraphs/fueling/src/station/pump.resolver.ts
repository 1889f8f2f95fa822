import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { FuelGrade } from './fuel-grade.types';
import { FuelStation } from './fuel-station.types';
import type { GradeService } from './grade.service';
import { RegisterPumpInput } from './pump.input';
import type { PumpService } from './pump.service';
import { Nozzle, Pump } from './pump.types';
import { gradeLoader, pumpLoader, stationLoader } from './station-loaders';
import type { StationService } from './station.service';

@Resolver(() => Pump)
export class PumpResolver {
  constructor(
    private readonly pumpService: PumpService,
    private readonly stations: StationService,
  ) {}

  @Query(() => [Pump], { description: 'A station’s pumps by dispenser and name (at most 64); empty for a station not yours.' })
  pumps(@Ctx() ctx: SubgraphContext, @Arg('stationId', () => ID, { description: 'The fuel station (its site id).' }) stationId: string) {
    return this.pumpService.atStation(ctx.tenantId, stationId);
  }

  @Query(() => Pump, { nullable: true, description: 'One of your pumps; null for any other id.' })
  pump(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Its device id.' }) id: string) {
    return pumpLoader(ctx, this.pumpService).load(id);
  }

  @Mutation(() => Pump, {
    description:
      'Registers a pump with its nozzles at a station; registering its id again replaces its station, names and nozzles. An id another company uses is CONFLICT.',
  })
  registerPump(@Ctx() ctx: SubgraphContext, @Arg('input', () => RegisterPumpInput, { description: 'The pump.' }) input: RegisterPumpInput) {
    return this.pumpService.register(ctx, input);
  }

  @FieldResolver(() => FuelStation, { description: 'The station it stands at.' })
  async station(@Root() pump: Pump, @Ctx() ctx: SubgraphContext) {
    return stationLoader(ctx, this.stations).load(pump.stationId);
  }
}

@Resolver(() => Nozzle)
export class NozzleResolver {
  constructor(private readonly grades: GradeService) {}

  @FieldResolver(() => FuelGrade, { description: 'The grade it delivers.' })
  async grade(@Root() nozzle: Nozzle, @Ctx() ctx: SubgraphContext) {
    return gradeLoader(ctx, this.grades).load(nozzle.gradeCode);
  }
}
