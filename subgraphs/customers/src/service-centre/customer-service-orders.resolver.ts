import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { Customer } from '../customer/customer.entity';
import type { Services } from '../services';
import { ServiceOrderConnection } from './service-order.resolver';

/** A customer's service orders, beside the rest of its record. */
@Resolver(() => Customer)
export class CustomerServiceOrdersResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => ServiceOrderConnection, { description: 'The customer’s service orders: open ones first, the nearest deadline first.' })
  serviceOrders(
    @Root() customer: Customer,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    const centre = this.services.serviceCentre;
    return centre.queries.list(ctx.tenantId, { customerId: customer.id }, first, after, centre.now());
  }
}
