import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Database } from '@hearth/platform/db';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { MeteringPolicy, SetMeteringPolicyInput } from './supply.types';
import { setMeteringPolicy, toMeteringPolicy } from './supply.service';
import { supplyPolicyOf } from './supply-policy.store';

@Resolver(() => MeteringPolicy)
export class MeteringPolicyResolver {
  constructor(private readonly db: Database) {}

  @Query(() => MeteringPolicy, { description: 'Your company’s prepaid supply policy (the defaults until you set one).' })
  async meteringPolicy(@Ctx() ctx: SubgraphContext) {
    return toMeteringPolicy(await supplyPolicyOf(this.db, ctx.tenantId));
  }

  @Mutation(() => MeteringPolicy, { description: 'Changes your supply policy (fields left out keep their value). Audited.' })
  setMeteringPolicy(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => SetMeteringPolicyInput, { description: 'What to change.' }) input: SetMeteringPolicyInput,
  ) {
    return setMeteringPolicy(this.db, ctx, input);
  }
}
