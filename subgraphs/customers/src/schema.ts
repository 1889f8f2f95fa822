import { buildSubgraphSchema, type SubgraphContext } from '@hearth/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver } from './account/account.resolver';
import { ContractResolver } from './contract/contract.resolver';
import { CustomerResolver } from './customer/customer.resolver';
import { GasPermitResolver } from './permit/gas-permit.resolver';
import { customerLoader } from './loaders';
import { serviceCentreSchema, unusedPubSub } from './service-centre/service-centre-schema';
import type { Services } from './services';

/** The customers subgraph: customers (entity `Customer`, which other domains extend) and their wallets. */
export function buildCustomersSchema(services: Services): Promise<GraphQLSchema> {
  const serviceCentre = serviceCentreSchema(services);
  const resolvers = [
    new CustomerResolver(services),
    new AccountResolver(services),
    new GasPermitResolver(services),
    new ContractResolver(services),
    ...serviceCentre.resolvers,
  ];
  return buildSubgraphSchema(
    {
      resolvers: resolvers.map((r) => r.constructor) as unknown as NonEmptyArray<() => unknown>,
      // Resolvers are built here with their services; type-graphql asks this container for them.
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
      pubSub: unusedPubSub,
    },
    {
      Customer: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => customerLoader(ctx, services).load(ref.id) },
      ...serviceCentre.handWritten,
    },
  );
}
