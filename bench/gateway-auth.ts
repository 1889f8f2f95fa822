import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, ContextSigner } from '@hearth/platform';
import type { DemoData } from '@hearth/stack';

/**
 * Every credential the benchmarks present, in one place:
 *
 *   our gateway, HTTP:        `Authorization: Bearer <API key>`                → gatewayHeaders
 *   our gateway, graphql-ws:  `connection_init` `{ authorization: 'Bearer <session>' }` → connectionParams
 *   a subgraph called directly (the query floor) or through a peer gateway:
 *                             the gateway's signed caller context               → subgraphHeaders
 *
 * The benchmarks use a key of their own (`provisionBenchKey`): the demo key's 600 operations a
 * minute would throttle the query benchmark; this one has the most a key may have and no quota.
 * Live subscribers use the demo admin's session instead: they stand for a thousand customers' apps,
 * each with its own credentials, and a key's events are paced to its rate (ADR 0010), which one key
 * shared by all of them would turn into the benchmark's ceiling.
 */
export interface BenchCredentials {
  tenantId: string;
  /** `hk_…`, created by provisionBenchKey. */
  apiKey: string;
  /** The demo admin's access token, for graphql-ws subscribers. */
  sessionToken: string;
  /** The stack's context signing key (PKCS#8 PEM): what only our gateway holds in production. */
  contextPrivateKeyPem: string;
}

export function gatewayHeaders(c: BenchCredentials): Record<string, string> {
  return { authorization: `Bearer ${c.apiKey}` };
}

export function connectionParams(c: BenchCredentials): Record<string, unknown> {
  return { authorization: `Bearer ${c.sessionToken}` };
}

const signers = new Map<string, ContextSigner>();

/**
 * A signed context as our gateway would forward it for a read-everything caller of the tenant.
 * It expires after 60 s (platform's TTL): take fresh headers for each request or load run.
 */
export async function subgraphHeaders(c: Pick<BenchCredentials, 'tenantId' | 'contextPrivateKeyPem'>): Promise<Record<string, string>> {
  let signer = signers.get(c.contextPrivateKeyPem);
  if (!signer) signers.set(c.contextPrivateKeyPem, (signer = new ContextSigner(c.contextPrivateKeyPem)));
  const token = await signer.sign({ tenantId: c.tenantId, requestId: randomUUID(), principal: { kind: 'service', id: 'bench' }, scopes: ['*:read'] });
  return { [CONTEXT_HEADER]: token };
}

/** Signs in as the demo admin (the session) and creates the benchmarks' API key (read everything, 60,000 a minute, no daily quota). */
export async function provisionBenchKey(graphqlUrl: string, demo: DemoData): Promise<{ apiKey: string; sessionToken: string }> {
  const call = async <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`provisioning the bench API key failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const { login } = await call<{ login: { accessToken: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
    e: demo.admin.email,
    p: demo.admin.password,
  });
  const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
    { input: { name: 'Benchmarks', scopes: ['*:read'], ratePerMinute: 60_000 } },
    { authorization: `Bearer ${login.accessToken}` },
  );
  return { apiKey: createApiKey.secret, sessionToken: login.accessToken };
}
