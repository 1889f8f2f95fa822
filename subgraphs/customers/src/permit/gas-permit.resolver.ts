import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { GasPermit } from './gas-permit.entity';
import { IssueGasPermitInput } from './gas-permit.input';

@Resolver(() => GasPermit)
export class GasPermitResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => GasPermit, { description: 'Issues a gas-use permit (用气证) to a customer in service (CUSTOMER_BLACKLISTED otherwise).' })
  issueGasPermit(
    @Ctx() ctx: SubgraphContext,
    @Arg('customerId', () => ID, { description: 'The customer.' }) customerId: string,
    @Arg('input', () => IssueGasPermitInput, { description: 'Number and validity.' }) input: IssueGasPermitInput,
  ) {
    return this.services.permits.issue(ctx, customerId, input);
  }

  @Mutation(() => GasPermit, { description: 'Revokes a permit; a revoked permit stays on record with its reason.' })
  revokeGasPermit(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The permit.' }) id: string,
    @Arg('reason', () => String, { description: '1–300 characters.' }) reason: string,
  ) {
    return this.services.permits.revoke(ctx, id, reason);
  }

  @FieldResolver(() => LocalDate, { description: 'When it was issued.' })
  issuedOn(@Root() permit: GasPermit) {
    return permit.issuedOn;
  }

  @FieldResolver(() => LocalDate, { description: 'Last day it is valid.' })
  validUntil(@Root() permit: GasPermit) {
    return permit.validUntil;
  }
}
