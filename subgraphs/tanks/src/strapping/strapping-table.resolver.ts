import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { StrappingTable } from './strapping-table.entity';
import { StrappingTableInput } from './strapping-table.input';

@Resolver(() => StrappingTable)
export class StrappingTableResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => StrappingTable, { description: 'Records a new calibration table version for a tank; twins use it at once.' })
  setStrappingTable(
    @Ctx() ctx: SubgraphContext,
    @Arg('tankId', () => ID, { description: 'Id of one of your company’s tanks (NOT_FOUND otherwise).' }) tankId: string,
    @Arg('input', () => StrappingTableInput, {
      description: 'The table: 2–5000 points and an optional note; points that break the StrappingPointInput rules give INVALID_STRAPPING_TABLE.',
    })
    input: StrappingTableInput,
  ) {
    return this.services.strapping.add(ctx, tankId, input);
  }
}
