import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { cylindersByIds } from './cylinder/cylinder-queries';
import type { RegistryDeps } from './registry-deps';

/** Per-request batch loaders: `_entities` and nested fields cost one query per type. */
export const cylinderLoader = (ctx: SubgraphContext, deps: RegistryDeps) => requestLoader(ctx, 'cylinder', (ids) => cylindersByIds(deps.db, ctx.tenantId, ids));

export const specLoader = (ctx: SubgraphContext, deps: RegistryDeps) => requestLoader(ctx, 'cylinder-spec', (codes) => deps.specs.byCodes(ctx.tenantId, codes));
