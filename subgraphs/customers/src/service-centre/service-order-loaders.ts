import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from '../services';
import { batchScopeOf } from './queue/service-queue-feed';
import type { ServiceOrder } from './service-order.entity';

/** Per-request batch loaders of orders and what hangs off them (per event in a subscription: `batchScopeOf`). */
export const serviceOrderLoader = (ctx: SubgraphContext, services: Services) =>
  requestLoader(ctx, 'service-order', (ids) => services.serviceCentre.queries.byIds(ctx.tenantId, ids));

export const orderEventsLoader = (order: ServiceOrder, ctx: SubgraphContext, services: Services) =>
  requestLoader(batchScopeOf(order, ctx), 'service-order-events', (ids) => services.serviceCentre.queries.events(ctx.tenantId, ids));

/** Shares the customer loader's cache within a request (same scope and name as `customerLoader`). */
export const orderCustomerLoader = (order: ServiceOrder, ctx: SubgraphContext, services: Services) =>
  requestLoader(batchScopeOf(order, ctx), 'customer', (ids) => services.customers.byIds(ctx.tenantId, ids));

export const orderPhoneLoader = (order: ServiceOrder, ctx: SubgraphContext, services: Services) =>
  requestLoader(batchScopeOf(order, ctx), 'service-order-pii', (ids) => services.serviceCentre.queries.reveal(ctx, ids));
