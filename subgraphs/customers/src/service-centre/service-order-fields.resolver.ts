import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { HearthError, hasScope } from '@hearth/platform';
import { LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import { Customer } from '../customer/customer.entity';
import { PII_SCOPE } from '../customer/customer.resolver';
import { SiteReference } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { clockOf } from './service-order-clock';
import { ServiceOrderEvent } from './service-order-event.entity';
import { orderCustomerLoader, orderEventsLoader, orderPhoneLoader } from './service-order-loaders';
import { ServiceOrder } from './service-order.entity';
import { SlaState } from './service-order.enums';
import { deadlineOf, slaStateOf } from './sla/sla-clock';

/** The fields of an order that are read, not stored as they are shown. */
@Resolver(() => ServiceOrder)
export class ServiceOrderFieldsResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer; null for a gas smell reported by someone else.' })
  customer(@Root() order: ServiceOrder, @Ctx() ctx: SubgraphContext) {
    return order.customerId && orderCustomerLoader(order, ctx, this.services).load(order.customerId);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The store (a `Site`) it is routed to; null until routed.' })
  store(@Root() order: ServiceOrder) {
    return order.storeId && { id: order.storeId };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone to call, masked (`138****0003`) unless asked for whole.' })
  async phone(
    @Root() order: ServiceOrder,
    @Ctx() ctx: SubgraphContext,
    @Arg('unmasked', () => Boolean, {
      defaultValue: false,
      description: 'true: the number whole, for a caller with the `customers:pii` scope (FORBIDDEN otherwise); the read is recorded in the audit log.',
    })
    unmasked: boolean,
  ) {
    if (!unmasked || !order.phoneEnc) return order.phoneMasked;
    if (!hasScope(ctx.scopes, PII_SCOPE)) {
      throw new HearthError('FORBIDDEN', `Reading phone numbers whole needs the ${PII_SCOPE} scope.`, { requiredScope: PII_SCOPE });
    }
    return orderPhoneLoader(order, ctx, this.services).load(order.id);
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'Requested day (deliveries, pick-ups, care calls).' })
  requestedDate(@Root() order: ServiceOrder) {
    return order.requestedDate;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When it is due under your company’s commitments, moved back by any pause; null when its type sets no deadline.',
  })
  deadline(@Root() order: ServiceOrder) {
    return deadlineOf(clockOf(order), this.services.serviceCentre.now());
  }

  @FieldResolver(() => SlaState, { description: 'Where it stands against its deadline now.' })
  slaState(@Root() order: ServiceOrder) {
    return slaStateOf(clockOf(order), this.services.serviceCentre.now());
  }

  @FieldResolver(() => Int, { description: 'Seconds its clock stood still in ended pauses (reclassifications), added to its deadline.' })
  pausedSeconds(@Root() order: ServiceOrder) {
    return Math.floor(order.pausedMs / 1000);
  }

  @FieldResolver(() => [ServiceOrderEvent], { description: 'Its history, oldest first: every status change, reclassification and escalation.' })
  async events(@Root() order: ServiceOrder, @Ctx() ctx: SubgraphContext) {
    return (await orderEventsLoader(order, ctx, this.services).load(order.id)) ?? [];
  }
}
