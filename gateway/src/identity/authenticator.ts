import { hash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Database } from '@hearth/platform/db';
import { HearthError, ROLE_SCOPES, type Logger, type Role } from '@hearth/platform';
import type { ApiKeyRow } from './api-keys';
import { parseCredential } from './credentials';
import { digest, sameDigest } from './secrets';

/** A caller the gateway has recognised. */
export interface Authenticated {
  kind: 'user' | 'apiKey';
  /** The user's or the key's id. */
  id: string;
  tenantId: string;
  scopes: readonly string[];
  /** What ends it: `session:<id>` or `apiKey:<id>`. */
  credential: string;
  userId?: string;
  role?: Role;
  /** The limits of an API key. */
  key?: Pick<ApiKeyRow, 'rate_per_minute' | 'daily_quota' | 'trusted_documents_only' | 'allowed_origins' | 'allowed_ips'>;
  /** When the credential itself expires (ms since epoch). */
  expiresAt: number;
}

/** Where a request comes from, for keys restricted to origins or addresses. */
export interface RequestOrigin {
  origin?: string;
  ip?: string;
}

/** A lookup is trusted this long before the database is asked again; revocations evict at once. */
const CACHE_MS = 30_000;
/** Credentials kept; past this, lookups older than CACHE_MS go first, then the oldest. */
const CACHE_LIMIT = 10_000;
export const CREDENTIAL_ENDED_CHANNEL = 'hearth_credential_ended';

interface CacheEntry {
  caller: Authenticated;
  checkedAt: number;
}

/**
 * Turns `Authorization: Bearer …` into a caller: a session's access token or an API key.
 * Lookups are cached briefly by the secret's digest; a session ended, a key revoked or
 * changed, or a user's role changed on any gateway instance arrives by NOTIFY, evicts the
 * cached caller and is passed on (so live subscriptions can be closed). Concurrent first
 * requests of one credential share one lookup, and a lookup overtaken by such a notification
 * is neither cached nor shared any more: it may have read the row before the change.
 */
export class Authenticator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<Authenticated>>();
  /** Counts notifications, so a lookup can tell whether one arrived while it read. */
  private endings = 0;
  private readonly listeners = new Set<(ended: string) => void>();
  private unlisten?: () => Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CREDENTIAL_ENDED_CHANNEL, (payload) => this.ended(payload));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  /** `session:<id>`, `apiKey:<id>` or `user:<id>` ended or changed. */
  onEnded(listener: (ended: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ended(payload: string): void {
    this.endings += 1;
    this.inFlight.clear();
    for (const [key, entry] of this.cache) {
      if (entry.caller.credential === payload || (entry.caller.userId && `user:${entry.caller.userId}` === payload)) this.cache.delete(key);
    }
    for (const listener of this.listeners) listener(payload);
  }

  /** Throws UNAUTHENTICATED / API_KEY_* errors with the precise reason. */
  async authenticate(text: string, from: RequestOrigin, now = Date.now()): Promise<Authenticated> {
    const cacheKey = hash('sha256', text, 'base64url');
    const cached = this.cache.get(cacheKey);
    const caller = cached && now - cached.checkedAt < CACHE_MS ? cached.caller : await this.lookupOnce(cacheKey, text, now);
    if (caller.expiresAt <= now) {
      this.cache.delete(cacheKey);
      throw caller.kind === 'apiKey'
        ? new HearthError('API_KEY_EXPIRED', 'This API key has expired.')
        : new HearthError('UNAUTHENTICATED', 'The access token has expired; refresh the session.', { reason: 'expired' });
    }
    if (caller.key) checkWhereFrom(caller.key, from);
    return caller;
  }

  private lookupOnce(cacheKey: string, text: string, now: number): Promise<Authenticated> {
    const pending = this.inFlight.get(cacheKey);
    if (pending) return pending;
    const endings = this.endings;
    const lookup = this.lookup(text, now)
      .then((caller) => {
        if (this.endings === endings) this.remember(cacheKey, { caller, checkedAt: now });
        return caller;
      })
      .finally(() => {
        if (this.inFlight.get(cacheKey) === lookup) this.inFlight.delete(cacheKey);
      });
    this.inFlight.set(cacheKey, lookup);
    return lookup;
  }

  private remember(cacheKey: string, entry: CacheEntry): void {
    // Re-inserted, so the map's order is the order entries were checked: the stale ones lead.
    this.cache.delete(cacheKey);
    if (this.cache.size >= CACHE_LIMIT) {
      for (const [key, old] of this.cache) {
        if (entry.checkedAt - old.checkedAt < CACHE_MS) break;
        this.cache.delete(key);
      }
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(cacheKey, entry);
  }

  private async lookup(text: string, now: number): Promise<Authenticated> {
    const credential = parseCredential(text);
    if (credential?.kind === 'apiKey') {
      const [key] = await this.db.query<ApiKeyRow>('SELECT * FROM identity.api_key WHERE prefix = $1', [credential.prefix]);
      if (!key || !sameDigest(digest(credential.secret), key.secret_digest)) throw new HearthError('API_KEY_INVALID', 'This API key is not valid.');
      if (key.revoked_at) throw new HearthError('API_KEY_REVOKED', 'This API key has been revoked.');
      return {
        kind: 'apiKey',
        id: key.id,
        tenantId: key.tenant_id,
        scopes: key.scopes,
        credential: `apiKey:${key.id}`,
        key,
        expiresAt: key.expires_at?.getTime() ?? Number.POSITIVE_INFINITY,
      };
    }
    if (credential?.kind === 'access') {
      const [row] = await this.db.query<{
        access_digest: Buffer;
        access_expires_at: Date;
        ended_at: Date | null;
        tenant_id: string;
        user_id: string;
        role: Role;
        disabled_at: Date | null;
      }>(
        `SELECT s.access_digest, s.access_expires_at, s.ended_at, s.tenant_id, s.user_id, u.role, u.disabled_at
           FROM identity.session s JOIN identity.app_user u ON u.id = s.user_id WHERE s.id = $1`,
        [credential.sessionId],
      );
      if (!row || !sameDigest(digest(credential.secret), row.access_digest))
        throw new HearthError('UNAUTHENTICATED', 'The access token is not valid. Log in again.', { reason: 'invalid' });
      if (row.ended_at || row.disabled_at) throw new HearthError('UNAUTHENTICATED', 'The session has ended. Log in again.', { reason: 'ended' });
      if (row.access_expires_at.getTime() <= now)
        throw new HearthError('UNAUTHENTICATED', 'The access token has expired; refresh the session.', { reason: 'expired' });
      return {
        kind: 'user',
        id: row.user_id,
        userId: row.user_id,
        tenantId: row.tenant_id,
        role: row.role,
        scopes: ROLE_SCOPES[row.role],
        credential: `session:${credential.sessionId}`,
        expiresAt: row.access_expires_at.getTime(),
      };
    }
    if (credential?.kind === 'refresh') throw new HearthError('UNAUTHENTICATED', 'Send the access token, not the refresh token.', { reason: 'invalid' });
    this.logger.debug('unrecognised credential presented');
    throw new HearthError(
      text.startsWith('hk_') ? 'API_KEY_INVALID' : 'UNAUTHENTICATED',
      'The credential is not an API key or access token issued by Hearth.',
      {
        reason: 'invalid',
      },
    );
  }
}

const blockLists = new WeakMap<readonly string[], BlockList>();

/** Keys restricted to origins or addresses are refused elsewhere. */
function checkWhereFrom(key: NonNullable<Authenticated['key']>, from: RequestOrigin): void {
  if (key.allowed_origins.length > 0 && !(from.origin && key.allowed_origins.includes(from.origin)))
    throw new HearthError('API_KEY_NOT_ALLOWED_HERE', `This API key may not be used from ${from.origin ? `the origin ${from.origin}` : 'outside a browser'}.`, {
      origin: from.origin ?? null,
    });
  if (key.allowed_ips.length === 0) return;
  const ip = from.ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  let list = blockLists.get(key.allowed_ips);
  if (!list) {
    list = new BlockList();
    for (const entry of key.allowed_ips) {
      const [address, bits] = entry.split('/');
      const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(address!, type);
      else list.addSubnet(address!, Number(bits), type);
    }
    blockLists.set(key.allowed_ips, list);
  }
  if (!ip || !isIP(ip) || !list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'))
    throw new HearthError('API_KEY_NOT_ALLOWED_HERE', `This API key may not be used from the address ${ip ?? 'unknown'}.`, { ip: ip ?? null });
}
