import { describe, expect, it } from 'vitest';
import type { Database } from '@hearth/platform/db';
import { testLogger } from '../testing/test-logger';
import type { ApiKeyRow } from './api-keys';
import { Authenticator, CREDENTIAL_ENDED_CHANNEL } from './authenticator';
import { formatApiKey, newKeyPrefix } from './credentials';
import { digest, newSecret } from './secrets';

/**
 * One API key in a stand-in for the identity tables: counts look-ups, can hold a look-up's
 * answer back (to revoke the key while it is in flight), and delivers NOTIFY as the database would.
 */
function keyStore() {
  const prefix = newKeyPrefix();
  const secret = newSecret();
  const row = {
    id: 'key-1',
    tenant_id: 'tenant-1',
    prefix,
    secret_digest: digest(secret),
    scopes: ['tanks:read'],
    expires_at: null,
    allowed_origins: [],
    allowed_ips: [],
    rate_per_minute: 600,
    daily_quota: null,
    trusted_documents_only: false,
    revoked_at: null as Date | null,
  } as unknown as ApiKeyRow;
  const store = {
    key: formatApiKey(prefix, secret),
    lookups: 0,
    held: [] as (() => void)[],
    hold: false,
    notify: (_payload: string) => undefined as void,
    /** Revokes the key as revokeApiKey does: the row changes, then the trigger's NOTIFY arrives. */
    revoke() {
      row.revoked_at = new Date();
      store.notify(`apiKey:${row.id}`);
    },
  };
  // Only what the authenticator calls: a look-up by prefix and LISTEN.
  const db = {
    query: async (_sql: string, params: unknown[]) => {
      store.lookups += 1;
      const snapshot = params[0] === prefix ? [{ ...row }] : [];
      if (store.hold) await new Promise<void>((release) => store.held.push(release));
      return snapshot;
    },
    listen: async (channel: string, onPayload: (payload: string) => void) => {
      expect(channel).toBe(CREDENTIAL_ENDED_CHANNEL);
      store.notify = onPayload;
      return async () => undefined;
    },
  } as unknown as Database;
  return { db, store };
}

async function started(db: Database) {
  const authenticator = new Authenticator(db, testLogger());
  await authenticator.start();
  return authenticator;
}

const from = {};

describe('authenticator cache', () => {
  it('looks a key up once and serves it from memory after that', async () => {
    const { db, store } = keyStore();
    const authenticator = await started(db);
    expect((await authenticator.authenticate(store.key, from)).id).toBe('key-1');
    expect((await authenticator.authenticate(store.key, from)).id).toBe('key-1');
    expect(store.lookups).toBe(1);
  });

  it('refuses a revoked key at once although it was cached', async () => {
    const { db, store } = keyStore();
    const authenticator = await started(db);
    await authenticator.authenticate(store.key, from);
    store.revoke();
    await expect(authenticator.authenticate(store.key, from)).rejects.toMatchObject({ extensions: { code: 'API_KEY_REVOKED' } });
  });

  it('shares one look-up between concurrent first requests', async () => {
    const { db, store } = keyStore();
    const authenticator = await started(db);
    const callers = await Promise.all([1, 2, 3].map(() => authenticator.authenticate(store.key, from)));
    expect(callers.map((c) => c.id)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(store.lookups).toBe(1);
  });

  /** A key looked up (the look-up held) and revoked while that look-up is in flight. */
  const revokedDuringLookup = async () => {
    const { db, store } = keyStore();
    const authenticator = await started(db);
    store.hold = true;
    const inFlight = authenticator.authenticate(store.key, from);
    await Promise.resolve();
    store.revoke();
    return { authenticator, store, inFlight };
  };

  it('does not cache a look-up that read the key before it was revoked', async () => {
    const { authenticator, store, inFlight } = await revokedDuringLookup();
    store.held.shift()!();
    // That request came before the revocation and may pass; the next one must not.
    expect((await inFlight).id).toBe('key-1');
    store.hold = false;
    await expect(authenticator.authenticate(store.key, from)).rejects.toMatchObject({ extensions: { code: 'API_KEY_REVOKED' } });
  });

  it('does not let a request after a revocation join a look-up begun before it', async () => {
    const { authenticator, store, inFlight: before } = await revokedDuringLookup();
    const after = authenticator.authenticate(store.key, from);
    for (const release of store.held.splice(0)) release();
    await Promise.resolve();
    for (const release of store.held.splice(0)) release();
    expect((await before).id).toBe('key-1');
    await expect(after).rejects.toMatchObject({ extensions: { code: 'API_KEY_REVOKED' } });
    expect(store.lookups).toBe(2);
  });
});
