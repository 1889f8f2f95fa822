import { CONTEXT_HEADER, ContextSigner, ContextVerifier, DEMO_TENANT_ID, generateContextKeys, type CallerContext } from '@hearth/platform';

const keys = generateContextKeys();

/**
 * One context key pair for a test process: fixture subgraphs verify with it, gateways under
 * test sign with it, and tests that call a subgraph directly sign their own context with it.
 */
export const testContext = {
  keys,
  signer: new ContextSigner(keys.privateKeyPem),
  verifier: new ContextVerifier(keys.publicKeyPem),
  /** Headers of a direct subgraph call as the gateway would send them (demo tenant, every scope by default). */
  async headers(caller: Partial<CallerContext> = {}): Promise<Record<string, string>> {
    const context: CallerContext = {
      tenantId: DEMO_TENANT_ID,
      requestId: 'test',
      principal: { kind: 'user', id: 'test-user' },
      scopes: ['*:read', '*:write'],
      ...caller,
    };
    return { [CONTEXT_HEADER]: await this.signer.sign(context) };
  },
};
