import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { Contract } from './contract.entity';
import { RecordContractInput } from './contract.input';

@Resolver(() => Contract)
export class ContractResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => Contract, {
    description:
      'Records a commercial or industrial customer’s contract; a CREDIT contract sets the wallet’s credit limit. One contract stands at a time (CONFLICT).',
  })
  recordContract(
    @Ctx() ctx: SubgraphContext,
    @Arg('customerId', () => ID, { description: 'A commercial or industrial customer.' }) customerId: string,
    @Arg('input', () => RecordContractInput, { description: 'The contract’s terms.' }) input: RecordContractInput,
  ) {
    return this.services.contracts.record(ctx, customerId, input);
  }

  @Mutation(() => Contract, { description: 'Ends a contract; the wallet’s credit limit returns to 0 (what is owed stays owed).' })
  terminateContract(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The contract.' }) id: string) {
    return this.services.contracts.terminate(ctx, id);
  }

  @FieldResolver(() => LocalDate, { description: 'First day it applies.' })
  validFrom(@Root() contract: Contract) {
    return contract.validFrom;
  }

  @FieldResolver(() => LocalDate, { description: 'Last day it applies.' })
  validUntil(@Root() contract: Contract) {
    return contract.validUntil;
  }
}
