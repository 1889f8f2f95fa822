import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { FuelGrade } from './fuel-grade.types';
import { SaveFuelGradeInput } from './grade.input';
import type { GradeService } from './grade.service';

@Resolver(() => FuelGrade)
export class FuelGradeResolver {
  constructor(private readonly grades: GradeService) {}

  @Query(() => [FuelGrade], {
    description: 'Your fuel grades by product and code (at most 50); a new company starts with 92#, 95#, 98# gasoline, 0# diesel and LPG autogas.',
  })
  fuelGrades(@Ctx() ctx: SubgraphContext) {
    return this.grades.list(ctx.tenantId);
  }

  @Mutation(() => FuelGrade, { description: 'Creates a grade, or renames the one with that code or changes its product.' })
  saveFuelGrade(@Ctx() ctx: SubgraphContext, @Arg('input', () => SaveFuelGradeInput, { description: 'The grade.' }) input: SaveFuelGradeInput) {
    return this.grades.save(ctx, input);
  }
}
