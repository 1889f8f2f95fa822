import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ConnectionType, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { serviceOrderLoader } from './service-order-loaders';
import { ServiceOrder } from './service-order.entity';
import { ServiceOrderFilter } from './service-order.input';

export const ServiceOrderConnection = ConnectionType(ServiceOrder, 'ServiceOrder');

const PAGE = { defaultValue: 50, description: 'Page size, 1–200.' };
const AFTER = { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' };

@Resolver(() => ServiceOrder)
export class ServiceOrderResolver {
  constructor(private readonly services: Services) {}

  @Query(() => ServiceOrderConnection, {
    description: 'The service centre’s queue: open orders first, the nearest deadline first (orders without one last), then closed ones.',
  })
  serviceOrders(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => ServiceOrderFilter, { nullable: true, description: 'Which orders; omitted: all of them.' }) filter: ServiceOrderFilter | null,
    @Arg('first', () => Int, PAGE) first: number,
    @Arg('after', () => String, AFTER) after?: string | null,
  ) {
    return this.services.serviceCentre.queries.list(ctx.tenantId, filter ?? {}, first, after, this.services.serviceCentre.now());
  }

  @Query(() => ServiceOrder, { nullable: true, description: 'One service order by id; null if there is none.' })
  serviceOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Id of one of your company’s orders; any other id gives null.' }) id: string) {
    return serviceOrderLoader(ctx, this.services).load(id);
  }

  @Subscription(() => ServiceOrder, {
    description:
      'Fires after each committed change of one of your company’s service orders (taken, routed, dispatched, closed, reclassified, escalated), with its SLA state and deadline as they are then.',
    // Declared here for the schema; subscribed by the hand-written resolver of `serviceCentreSchema`, which knows the feed.
    subscribe: () => {
      throw new Error('serviceQueueChanged is subscribed by its hand-written resolver');
    },
  })
  serviceQueueChanged(
    @Root() order: ServiceOrder,
    @Arg('storeIds', () => [ID], {
      nullable: true,
      description: 'Only orders routed to (or away from) these stores, up to 500; omitted: every order, routed or not.',
    })
    _storeIds?: string[] | null,
  ): ServiceOrder {
    return order;
  }
}
