import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { ServiceOrder } from './service-order.entity';
import { ServiceOrderType } from './service-order.enums';
import { CompleteServiceOrderInput, CreateServiceOrderInput } from './service-order.input';

const ORDER = { description: 'The order (one of your company’s; NOT_FOUND otherwise).' };
const REASON = { description: 'Why, 1–300 characters.' };

/** Every change of a service order; each is checked against the status machine (INVALID_ORDER_TRANSITION) and recorded in its history. */
@Resolver(() => ServiceOrder)
export class ServiceOrderMutationsResolver {
  constructor(private readonly services: Services) {}

  private get orders() {
    return this.services.serviceCentre.orders;
  }

  @Mutation(() => ServiceOrder, {
    description:
      'Takes a service order, RECEIVED, its deadline set from your company’s commitments. A blacklisted customer’s delivery or pick-up is refused (CUSTOMER_BLACKLISTED); a gas smell never is.',
  })
  createServiceOrder(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateServiceOrderInput, { description: 'The order.' }) input: CreateServiceOrderInput) {
    return this.orders.create(ctx, input);
  }

  @Mutation(() => ServiceOrder, { description: 'Routes the order to a store and a person (ASSIGNED), before dispatch; ends a reclassification’s pause.' })
  assignServiceOrder(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ORDER) id: string,
    @Arg('storeId', () => ID, { description: 'The store (a `Site`) that takes it.' }) storeId: string,
    @Arg('assignee', () => String, { nullable: true, description: 'Who does it: a name or a user id, up to 100 characters.' }) assignee?: string | null,
  ) {
    return this.orders.assign(ctx, id, storeId, assignee);
  }

  @Mutation(() => ServiceOrder, { description: 'Someone (or the goods) is on the way: ASSIGNED → DISPATCHED.' })
  dispatchServiceOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string) {
    return this.orders.dispatch(ctx, id);
  }

  @Mutation(() => ServiceOrder, {
    description:
      'Closes the order as done: DELIVERED for a delivery or pick-up, COMPLETED otherwise. A gas smell needs `hazardControlled: true` (HAZARD_NOT_CONFIRMED otherwise).',
  })
  completeServiceOrder(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ORDER) id: string,
    @Arg('input', () => CompleteServiceOrderInput, { description: 'How it was done.' }) input: CompleteServiceOrderInput,
  ) {
    return this.orders.complete(ctx, id, input);
  }

  @Mutation(() => ServiceOrder, { description: 'Closes an open order as FAILED: it could not be done.' })
  failServiceOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string, @Arg('reason', () => String, REASON) reason: string) {
    return this.orders.fail(ctx, id, reason);
  }

  @Mutation(() => ServiceOrder, { description: 'Closes an open order as CANCELLED: no longer wanted.' })
  cancelServiceOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string, @Arg('reason', () => String, REASON) reason: string) {
    return this.orders.cancel(ctx, id, reason);
  }

  @Mutation(() => ServiceOrder, {
    description:
      'Changes an open order’s type: back to RECEIVED for routing, its clock paused until re-assigned (the pause is added to the new deadline). Into GAS_SMELL the clock never pauses; a gas smell itself is not reclassified.',
  })
  reclassifyServiceOrder(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ORDER) id: string,
    @Arg('type', () => ServiceOrderType, { description: 'The new type.' }) type: ServiceOrderType,
  ) {
    return this.orders.reclassify(ctx, id, type);
  }
}
