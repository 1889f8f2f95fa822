import type { Queryable } from '@hearth/platform/db';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { tariffsByIds } from './tariff.store';
import { tariffVersionsFor } from './tariff-versions';

/** Per-request batch loaders: a page of meters or tariffs costs one query for their tariffs and one for their versions. */
export const tariffLoader = (ctx: SubgraphContext, db: Queryable) => requestLoader(ctx, 'tariff', (ids) => tariffsByIds(db, ctx.tenantId, ids));

export const tariffVersionsLoader = (ctx: SubgraphContext, db: Queryable) =>
  requestLoader(ctx, 'tariff-versions', (ids) => tariffVersionsFor(db, ctx.tenantId, ids));
