import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { Services } from './services';

/** Per-request batch loaders, so `_entities` and nested fields cost one query per type. */
export const tankLoader = (ctx: SubgraphContext, services: Services) => requestLoader(ctx, 'tank', (ids) => services.tanks.byIds(ctx.tenantId, ids));

export const siteLoader = (ctx: SubgraphContext, services: Services) => requestLoader(ctx, 'site', (ids) => services.sites.byIds(ctx.tenantId, ids));
