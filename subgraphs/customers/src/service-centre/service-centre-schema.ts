import type { HandWrittenResolvers, SubgraphContext } from '@hearth/platform/graphql';
import type { PubSub } from 'type-graphql';
import type { Services } from '../services';
import { CustomerServiceOrdersResolver } from './customer-service-orders.resolver';
import { serviceOrderLoader } from './service-order-loaders';
import { ServiceOrderFieldsResolver } from './service-order-fields.resolver';
import { ServiceOrderMutationsResolver } from './service-order-mutations.resolver';
import { ServiceOrderResolver } from './service-order.resolver';

/** The service centre's part of the customers schema: its resolvers, and what is written by hand. */
export function serviceCentreSchema(services: Services): { resolvers: object[]; handWritten: HandWrittenResolvers } {
  const { feed } = services.serviceCentre;
  return {
    resolvers: [
      new ServiceOrderResolver(services),
      new ServiceOrderMutationsResolver(services),
      new ServiceOrderFieldsResolver(services),
      new CustomerServiceOrdersResolver(services),
    ],
    handWritten: {
      ServiceOrder: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => serviceOrderLoader(ctx, services).load(ref.id) },
      Subscription: {
        serviceQueueChanged: {
          subscribe: (_root: unknown, args: { storeIds?: string[] | null }, ctx: SubgraphContext) => feed.changes(ctx.tenantId, args.storeIds ?? null),
        },
      },
    },
  };
}

/**
 * type-graphql builds no subscription without a PubSub, though ours brings its own `subscribe`
 * (the feed, fed by the database's NOTIFY): this one is never used.
 */
export const unusedPubSub: PubSub = {
  publish: () => {
    throw new Error('The customers subgraph publishes through the database (ServiceQueueFeed), not a PubSub.');
  },
  subscribe: () => {
    throw new Error('The customers subgraph subscribes through ServiceQueueFeed, not a PubSub.');
  },
};
