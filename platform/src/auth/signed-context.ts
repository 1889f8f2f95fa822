import { generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { z } from 'zod';
import type { CallerContext } from '../context/caller-context';

/**
 * The gateway's word about a caller, as subgraphs receive it: a compact JWS (EdDSA) in the
 * `x-hearth-context` header, or the connection param of the same name over graphql-ws.
 * Only the gateway holds the private key; subgraphs hold the public key, so a subgraph
 * reached directly (or a compromised one) cannot mint a context for another.
 */
export const CONTEXT_HEADER = 'x-hearth-context';
const ISSUER = 'hearth-gateway';
const AUDIENCE = 'hearth-subgraphs';
/** Long enough for a request's fetches, short enough that a leaked header soon stops working. */
export const CONTEXT_TTL_SECONDS = 60;
/** Verified contexts kept, so the fetches of one request (and busy subscriptions) verify once. */
const VERIFIED_CACHE = 10_000;

const claimsSchema = z.object({
  tid: z.string().min(1),
  rid: z.string().min(1),
  sub: z.string().min(1),
  knd: z.enum(['user', 'apiKey', 'service']),
  scp: z.array(z.string()),
});

export interface ContextKeys {
  /** PKCS#8 PEM; the gateway's only. */
  privateKeyPem: string;
  /** SPKI PEM; every subgraph's. */
  publicKeyPem: string;
}

/** A fresh Ed25519 pair: the embedded stack makes one per data dir; production sets both as secrets. */
export function generateContextKeys(): ContextKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export class ContextSigner {
  private readonly key: KeyObject;
  constructor(
    privateKeyPem: string,
    readonly ttlSeconds = CONTEXT_TTL_SECONDS,
  ) {
    this.key = createPrivateKey(privateKeyPem);
  }

  sign(caller: CallerContext): Promise<string> {
    return new SignJWT({ tid: caller.tenantId, rid: caller.requestId, knd: caller.principal.kind, scp: [...caller.scopes] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(caller.principal.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }
}

/** Why a context was refused, for the log and the caller's error message. */
export class ContextRefused extends Error {}

export class ContextVerifier {
  private readonly key: KeyObject;
  /** Token → its verified context and expiry. A token is only here after its signature checked out. */
  private readonly verified = new Map<string, { context: CallerContext; expiresAt: number }>();

  constructor(publicKeyPem: string) {
    this.key = createPublicKey(publicKeyPem);
  }

  async verify(token: unknown): Promise<CallerContext> {
    if (typeof token !== 'string' || !token) throw new ContextRefused(`no ${CONTEXT_HEADER} was sent`);
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.context;
    if (known) this.verified.delete(token);
    const context = await this.check(token);
    if (this.verified.size >= VERIFIED_CACHE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { context, expiresAt: expiryOf(token) });
    return context;
  }

  private async check(token: string): Promise<CallerContext> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['EdDSA'], issuer: ISSUER, audience: AUDIENCE, clockTolerance: 5 }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new ContextRefused('the signed context has expired');
      throw new ContextRefused('the signed context does not verify');
    }
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw new ContextRefused('the signed context lacks required claims');
    const claims = parsed.data;
    return { tenantId: claims.tid, requestId: claims.rid, principal: { kind: claims.knd, id: claims.sub }, scopes: claims.scp };
  }
}

/** The `exp` of a token already verified (ms since epoch). */
function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return (payload.exp ?? 0) * 1000;
}
