import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who is calling, as every subgraph resolver sees it. Every query is scoped to `tenantId`.
 * Today the gateway forwards the tenant in a header; the signed context of the identity
 * work replaces `callerFromHeaders` without touching resolvers.
 */
export interface CallerContext {
  tenantId: string;
  requestId: string;
}

export const TENANT_HEADER = 'x-hearth-tenant-id';
export const REQUEST_ID_HEADER = 'x-request-id';

export function callerFromHeaders(headers: IncomingHttpHeaders | Record<string, unknown>, defaultTenantId: string): CallerContext {
  const tenant = headers[TENANT_HEADER];
  const requestId = headers[REQUEST_ID_HEADER];
  return {
    tenantId: typeof tenant === 'string' && tenant ? tenant : defaultTenantId,
    requestId: typeof requestId === 'string' && requestId ? requestId : randomUUID(),
  };
}

/**
 * The tenant callers belong to until identity arrives: the demo company of the embedded
 * stack, or HEARTH_DEFAULT_TENANT_ID.
 */
export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';
