import { randomUUID } from 'node:crypto';
import { LazyChildLogger, NO_TENANT_ID, REQUEST_ID_HEADER, type CallerContext, type Logger } from '@hearth/platform';
import type { Authenticated, RequestOrigin } from '../identity/authenticator';

/**
 * What the gateway knows about a caller. Subgraphs receive it as a signed context (header
 * over HTTP, connection param over graphql-ws), never as plain headers they would have to trust.
 */
export interface GatewayContext {
  /** Absent for an anonymous caller, who may only log in. */
  caller?: Authenticated;
  /** The caller's tenant (absent when anonymous). */
  tenantId?: string;
  requestId: string;
  from: RequestOrigin;
  /** Child logger carrying tenantId and requestId. */
  logger: Logger;
  /** The signed context of this request (or subscription), reused by every fetch until it nears expiry. */
  signed?: { token: Promise<string>; renewAt: number };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function gatewayContext(headers: Record<string, unknown>, caller: Authenticated | undefined, from: RequestOrigin, logger: Logger): GatewayContext {
  // A request id the caller chose keeps their logs and ours joined; otherwise we start one.
  return new RequestContext(caller, text(headers[REQUEST_ID_HEADER]) ?? randomUUID(), from, logger);
}

/** One request's context; its child logger is made when something first logs. */
class RequestContext extends LazyChildLogger implements GatewayContext {
  readonly tenantId?: string;
  signed?: GatewayContext['signed'];

  constructor(
    readonly caller: Authenticated | undefined,
    readonly requestId: string,
    readonly from: RequestOrigin,
    parentLogger: Logger,
  ) {
    super(parentLogger);
    this.tenantId = caller?.tenantId;
  }

  protected bindings() {
    const principal = this.caller ? `${this.caller.kind}:${this.caller.id}` : undefined;
    return { tenantId: this.tenantId, requestId: this.requestId, principal };
  }
}

/** The caller as subgraphs see it; anonymous callers carry no tenant and no scopes. */
export function callerContext(ctx: Pick<GatewayContext, 'caller' | 'requestId'>): CallerContext {
  const { caller } = ctx;
  return caller
    ? { tenantId: caller.tenantId, requestId: ctx.requestId, principal: { kind: caller.kind, id: caller.id }, scopes: caller.scopes }
    : { tenantId: NO_TENANT_ID, requestId: ctx.requestId, principal: { kind: 'service', id: 'anonymous' }, scopes: [] };
}
