import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER, TENANT_HEADER, type Logger } from '@hearth/platform';

/**
 * What the gateway knows about a caller, forwarded to every subgraph it asks on their behalf:
 * as headers over HTTP, as connection params over graphql-ws.
 */
export interface GatewayContext {
  /** The tenant the caller named; absent lets each subgraph apply its default tenant. */
  tenantId?: string;
  requestId: string;
  /** Child logger carrying tenantId and requestId. */
  logger: Logger;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Reads the caller context from HTTP headers or graphql-ws connection params (same names). */
export function gatewayContext(headers: Record<string, unknown>, logger: Logger): GatewayContext {
  const tenantId = text(headers[TENANT_HEADER]);
  // A request id the caller chose keeps their logs and ours joined; otherwise we start one.
  const requestId = text(headers[REQUEST_ID_HEADER]) ?? randomUUID();
  return { tenantId, requestId, logger: logger.child({ tenantId, requestId }) };
}

/** The headers (or connection params) that carry a caller context to a subgraph. */
export function callerHeaders(caller: { tenantId?: string; requestId: string }): Record<string, string> {
  return {
    ...(caller.tenantId ? { [TENANT_HEADER]: caller.tenantId } : {}),
    [REQUEST_ID_HEADER]: caller.requestId,
  };
}
