import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { CallerContext } from '../context/caller-context';

/**
 * The gateway's word about a caller, as subgraphs receive it: a compact JWS (RFC 7515) with
 * EdDSA over Ed25519 (RFC 8037) in the `x-hearth-context` header, or the connection param of
 * the same name over graphql-ws. Only the gateway holds the private key; subgraphs hold the
 * public key, so a subgraph reached directly (or a compromised one) cannot mint a context for
 * another.
 *
 * Signed and verified with node:crypto's one-shot Ed25519 rather than WebCrypto: the token is
 * made on every request and checked by every subgraph a request reaches, and WebCrypto's job
 * machinery cost several times the signature itself there (ADR 0005).
 */
export const CONTEXT_HEADER = 'x-hearth-context';
const ISSUER = 'hearth-gateway';
const AUDIENCE = 'hearth-subgraphs';
/** Long enough for a request's fetches, short enough that a leaked header soon stops working. */
export const CONTEXT_TTL_SECONDS = 60;
/** Verified contexts kept, so the fetches of one request (and busy subscriptions) verify once. */
const VERIFIED_CACHE = 10_000;
/** Seconds of clock difference between the gateway and a subgraph that are tolerated. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** The only header we issue and the only one we accept: no `alg` negotiation, no `crit`. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'EdDSA' })).toString('base64url');

const claimsSchema = z.object({
  iss: z.literal(ISSUER),
  aud: z.union([z.literal(AUDIENCE), z.array(z.string()).refine((aud) => aud.includes(AUDIENCE))]),
  exp: z.number(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
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

function ed25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The context key must be Ed25519, not ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

export class ContextSigner {
  private readonly key: KeyObject;
  constructor(
    privateKeyPem: string,
    readonly ttlSeconds = CONTEXT_TTL_SECONDS,
  ) {
    this.key = ed25519(createPrivateKey(privateKeyPem));
  }

  /** Async for its callers' sake (a remote signer could take its place); the work is synchronous. */
  async sign(caller: CallerContext, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000);
    const claims = {
      tid: caller.tenantId,
      rid: caller.requestId,
      knd: caller.principal.kind,
      scp: [...caller.scopes],
      sub: caller.principal.id,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + this.ttlSeconds,
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${sign(null, Buffer.from(signingInput), this.key).toString('base64url')}`;
  }
}

/** Why a context was refused, for the log and the caller's error message. */
export class ContextRefused extends Error {}

export class ContextVerifier {
  private readonly key: KeyObject;
  /** Token → its verified context and expiry. A token is only here after its signature checked out. */
  private readonly verified = new Map<string, { context: CallerContext; expiresAt: number }>();

  constructor(publicKeyPem: string) {
    this.key = ed25519(createPublicKey(publicKeyPem));
  }

  async verify(token: unknown, now = Date.now()): Promise<CallerContext> {
    if (typeof token !== 'string' || !token) throw new ContextRefused(`no ${CONTEXT_HEADER} was sent`);
    const known = this.verified.get(token);
    if (known && known.expiresAt > now) return known.context;
    if (known) this.verified.delete(token);
    const { context, expiresAt } = this.check(token, now);
    if (this.verified.size >= VERIFIED_CACHE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { context, expiresAt });
    return context;
  }

  private check(token: string, now: number): { context: CallerContext; expiresAt: number } {
    const [header, payload, signature, ...rest] = token.split('.');
    // Only our exact header is accepted, so `alg: none`, other algorithms and `crit` never get this far.
    if (header !== HEADER || !payload || !signature || rest.length > 0) throw new ContextRefused('the signed context does not verify');
    if (!verify(null, Buffer.from(`${header}.${payload}`), this.key, Buffer.from(signature, 'base64url')))
      throw new ContextRefused('the signed context does not verify');
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new ContextRefused('the signed context does not verify');
    }
    const parsed = claimsSchema.safeParse(json);
    if (!parsed.success) throw new ContextRefused('the signed context lacks required claims');
    const claims = parsed.data;
    const seconds = now / 1000;
    if (claims.exp <= seconds - CLOCK_TOLERANCE_SECONDS) throw new ContextRefused('the signed context has expired');
    if (claims.nbf !== undefined && claims.nbf > seconds + CLOCK_TOLERANCE_SECONDS) throw new ContextRefused('the signed context is not valid yet');
    return {
      context: { tenantId: claims.tid, requestId: claims.rid, principal: { kind: claims.knd, id: claims.sub }, scopes: claims.scp },
      expiresAt: claims.exp * 1000,
    };
  }
}
