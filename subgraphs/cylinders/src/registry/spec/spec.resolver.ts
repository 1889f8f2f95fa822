import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { CylinderSpec } from './cylinder-spec.types';
import { SaveCylinderSpecInput } from './spec.input';
import type { SpecService } from './spec.service';

@Resolver(() => CylinderSpec)
export class CylinderSpecResolver {
  constructor(private readonly specs: SpecService) {}

  @Query(() => [CylinderSpec], { description: 'Your cylinder specs by code; a new company starts with the GB 5842 sizes (YSP5 … YSP50).' })
  cylinderSpecs(@Ctx() ctx: SubgraphContext) {
    return this.specs.list(ctx.tenantId);
  }

  @Mutation(() => CylinderSpec, { description: 'Creates a spec, or changes the one with that code (cylinders registered before keep their own dates).' })
  saveCylinderSpec(@Ctx() ctx: SubgraphContext, @Arg('input', () => SaveCylinderSpecInput, { description: 'The whole spec.' }) input: SaveCylinderSpecInput) {
    return this.specs.save(ctx, input);
  }
}
