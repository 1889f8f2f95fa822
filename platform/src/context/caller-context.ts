/**
 * Who is calling, as every subgraph resolver sees it: verified from the gateway's signed
 * context (auth/signed-context.ts). Every query is scoped to `tenantId`.
 */
export interface CallerContext {
  tenantId: string;
  requestId: string;
  principal: Principal;
  /** What the caller may do (auth/scopes.ts). */
  scopes: readonly string[];
}

/** A person (session), a third party (API key), or a Hearth service acting for itself. */
export interface Principal {
  kind: 'user' | 'apiKey' | 'service';
  id: string;
}

/** `user:<id>`, `apiKey:<id>`, `service:<id>`: who asked, as audit records name them. */
export const actorOf = (caller: CallerContext): string => `${caller.principal.kind}:${caller.principal.id}`;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The tenant of the demo company the embedded stack seeds. */
export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';

/** The tenant of contexts that act for no tenant (the gateway loading subgraph schemas): owns no rows. */
export const NO_TENANT_ID = '00000000-0000-0000-0000-000000000000';
