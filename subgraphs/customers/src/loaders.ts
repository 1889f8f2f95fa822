import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from './services';

/** Per-request batch loaders, so `_entities` and nested fields cost one query per type. */
export const customerLoader = (ctx: SubgraphContext, services: Services) =>
  requestLoader(ctx, 'customer', (ids) => services.customers.byIds(ctx.tenantId, ids));

/** Clear personal data of a request's customers: one decryption pass and one audit entry per batch. */
export const revealedLoader = (ctx: SubgraphContext, services: Services) => requestLoader(ctx, 'customer-pii', (ids) => services.customers.reveal(ctx, ids));

export const accountLoader = (ctx: SubgraphContext, services: Services) => requestLoader(ctx, 'account', (ids) => services.accounts.byIds(ctx.tenantId, ids));
