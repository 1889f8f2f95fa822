import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { collect, wsClient } from '../testing/ws-subscription';
import { startFixtureStack, waitUntil, type FixtureStack } from '../testing/fixture-stack';
import { createUser } from './users';

/** Every log line the gateway writes, to prove no secret ever reaches the log. */
const logLines: string[] = [];
const capture = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

let stack: FixtureStack;
let url: string;
const ADMIN = { email: 'admin@test.example', password: 'correct horse battery' };
const VIEWER = { email: 'viewer@test.example', password: 'viewer password 1' };
let admin: { authorization: string };

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken viewer { scopes user { role } } } }';
type Tokens = { accessToken: string; refreshToken: string; viewer: { scopes: string[]; user: { role: string } } };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

async function newKey(input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await graphqlData<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
    { input: { name: 'partner', scopes: ['catalog:read', 'live:read'], ...input } },
    admin,
  );
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

beforeAll(async () => {
  stack = await startFixtureStack({ logger: capture });
  url = stack.gateway.graphqlUrl;
  await createUser(stack.db, DEMO_TENANT_ID, { ...ADMIN, name: 'Admin', role: 'ADMIN' }, 'system');
  await createUser(stack.db, DEMO_TENANT_ID, { ...VIEWER, name: 'Viewer', role: 'VIEWER' }, 'system');
  const { login } = await graphqlData<{ login: Tokens }>(url, LOGIN, ADMIN);
  admin = bearer(login.accessToken);
});
afterAll(() => stack.close());

describe('people: login, sessions, lock-out', () => {
  it('logs in with the right password and gets the role’s scopes', async () => {
    const { login } = await graphqlData<{ login: Tokens }>(url, LOGIN, VIEWER);
    expect(login.viewer).toEqual({ scopes: ['*:read'], user: { role: 'VIEWER' } });
    expect(await graphqlData(url, '{ tanks { name } }', {}, bearer(login.accessToken))).toEqual({ tanks: [{ name: 'T-1' }, { name: 'T-2' }] });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const wrong = await graphqlHttp(url, LOGIN, { ...VIEWER, password: 'nope nope nope' });
    const unknown = await graphqlHttp(url, LOGIN, { email: 'nobody@test.example', password: 'nope nope nope' });
    expect(codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(codeOf(unknown)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('locks an account after five failures in a row, even against the right password, and audits it', async () => {
    const target = { email: 'locked@test.example', password: 'the real password' };
    const lockedUser = await createUser(stack.db, DEMO_TENANT_ID, { ...target, name: 'Locked', role: 'VIEWER' }, 'system');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(codeOf(await graphqlHttp(url, LOGIN, { ...target, password: `wrong ${i} guess` })));
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const locked = await graphqlHttp(url, LOGIN, target);
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: expect.any(Number) });
    type Entry = { domain: string; action: string; actor: string; target: string };
    const { auditLog } = await graphqlData<{ auditLog: { edges: { node: Entry }[] } }>(
      url,
      '{ auditLog(first: 20, domains: ["identity"], actions: ["login.failed", "account.locked"]) { edges { node { domain action actor target } } } }',
      {},
      admin,
    );
    const about = auditLog.edges.map((e) => e.node).filter((n) => n.target === `user:${lockedUser.id}`);
    expect(about[0]).toEqual({ domain: 'identity', action: 'account.locked', actor: 'system', target: `user:${lockedUser.id}` });
    expect(about.filter((n) => n.action === 'login.failed')).toHaveLength(5);
    expect(about.every((n) => n.actor === 'system' || n.actor === `user:${lockedUser.id}`)).toBe(true);
  });

  it('logout ends the session: its access and refresh tokens stop working at once', async () => {
    const { login } = await graphqlData<{ login: Tokens }>(url, LOGIN, VIEWER);
    expect(await graphqlData(url, 'mutation { logout }', {}, bearer(login.accessToken))).toEqual({ logout: true });
    const after = await graphqlHttp(url, '{ tanks { name } }', {}, bearer(login.accessToken));
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ended' });
    const refreshed = await graphqlHttp(url, 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: login.refreshToken });
    expect(refreshed.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ended' });
  });

  it('rotates refresh tokens, and a reused one ends the session', async () => {
    const { login } = await graphqlData<{ login: Tokens }>(url, LOGIN, VIEWER);
    const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';
    expect(await graphqlData(url, '{ viewer { kind } }', {}, bearer(login.accessToken))).toEqual({ viewer: { kind: 'USER' } });
    const { refreshSession } = await graphqlData<{ refreshSession: Tokens }>(url, REFRESH, { t: login.refreshToken });
    expect(await graphqlData(url, '{ viewer { kind } }', {}, bearer(refreshSession.accessToken))).toEqual({ viewer: { kind: 'USER' } });
    // The access token it replaced stops at once, though it was just used (and cached).
    expect(codeOf(await graphqlHttp(url, '{ viewer { kind } }', {}, bearer(login.accessToken)))).toBe('UNAUTHENTICATED');
    // The old refresh token again: someone else has a copy, so the whole session ends.
    expect(codeOf(await graphqlHttp(url, REFRESH, { t: login.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await graphqlHttp(url, '{ viewer { kind } }', {}, bearer(refreshSession.accessToken)))).toBe('UNAUTHENTICATED');
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const person = { email: 'changer@test.example', password: 'first password 1' };
    await createUser(stack.db, DEMO_TENANT_ID, { ...person, name: 'Changer', role: 'VIEWER' }, 'system');
    const here = (await graphqlData<{ login: Tokens }>(url, LOGIN, person)).login;
    const elsewhere = (await graphqlData<{ login: Tokens }>(url, LOGIN, person)).login;
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    expect(codeOf(await graphqlHttp(url, CHANGE, { c: 'wrong password', n: 'second password 2' }, bearer(here.accessToken)))).toBe('INVALID_CREDENTIALS');
    expect(await graphqlData(url, CHANGE, { c: person.password, n: 'second password 2' }, bearer(here.accessToken))).toEqual({ changePassword: true });
    expect(codeOf(await graphqlHttp(url, '{ viewer { kind } }', {}, bearer(elsewhere.accessToken)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await graphqlHttp(url, '{ viewer { kind } }', {}, bearer(here.accessToken)))).toBeUndefined();
    expect(codeOf(await graphqlHttp(url, LOGIN, person))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await graphqlHttp(url, LOGIN, { ...person, password: 'second password 2' }))).toBeUndefined();
  });

  it('shows viewers nothing of administration', async () => {
    const { login } = await graphqlData<{ login: Tokens }>(url, LOGIN, VIEWER);
    const res = await graphqlHttp(url, '{ apiKeys { totalCount } }', {}, bearer(login.accessToken));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'identity:admin' });
    const write = await graphqlHttp(url, 'mutation { renameTank(id: "tank-1", name: "x") { id } }', {}, bearer(login.accessToken));
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'catalog:write', path: 'Mutation.renameTank' });
  });
});

describe('third parties: API keys', () => {
  it('works over HTTP with Authorization: Bearer and x-api-key, and over graphql-ws', async () => {
    const key = await newKey({});
    expect(await graphqlData(url, '{ tanks { name } }', {}, { 'x-api-key': key.secret })).toEqual({ tanks: [{ name: 'T-1' }, { name: 'T-2' }] });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key.secret) },
      body: '{"query":"{ tanks { name } }"}',
    });
    expect(res.headers.get('ratelimit-limit')).toBe('600');
    const client = wsClient(stack.gateway.wsUrl, bearer(key.secret));
    const sub = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-1"]) { name reading { levelMm } } }' });
    await waitUntil('subscribed', () => stack.live.feed.subscribers().length === 1);
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 10 });
    await waitUntil('an event arrived', () => sub.results.length === 1);
    expect(sub.results[0]).toEqual({ data: { tankChanged: { name: 'T-1', reading: { levelMm: 10 } } } });
    await client.dispose();
  });

  it('gives a wrong, an expired and a revoked key each its own code', async () => {
    const key = await newKey({});
    const wrongSecret = key.secret.slice(0, -4) + 'AAAA';
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(wrongSecret)))).toBe('API_KEY_INVALID');
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer('hk_notakey')))).toBe('API_KEY_INVALID');
    const expiring = await newKey({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(expiring.secret)))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(expiring.secret)))).toBe('API_KEY_EXPIRED');
    await graphqlData(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: key.id }, admin);
    const revoked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key.secret) },
      body: '{"query":"{ tanks { name } }"}',
    });
    expect(revoked.status).toBe(401);
    expect(codeOf((await revoked.json()) as { errors: { extensions: Record<string, unknown> }[] })).toBe('API_KEY_REVOKED');
  });

  it('refuses fields outside the key’s scopes, including entity fields inside a subscription', async () => {
    const key = await newKey({ scopes: ['live:read'] });
    const query = await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret));
    expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'catalog:read' });
    const client = wsClient(stack.gateway.wsUrl, bearer(key.secret));
    // tankChanged is live's, but `name` is resolved from the catalog in each event.
    const sub = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-1"]) { name } }' });
    const ended = (await sub.ended) as { error?: { extensions?: Record<string, unknown> }[] };
    expect(ended.error?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'catalog:read', path: 'Tank.name' });
    expect(stack.live.feed.subscribers()).toHaveLength(0);
    // Only its own fields: allowed.
    const own = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-1"]) { reading { levelMm } } }' });
    await waitUntil('subscribed', () => stack.live.feed.subscribers().length === 1);
    own.dispose();
    await client.dispose();
  });

  it('keeps a key to its allowed addresses and browser origins', async () => {
    const call = (secret: string, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(secret), ...headers }, body: '{"query":"{ tanks { name } }"}' });
    const lan = await newKey({ allowedIps: ['10.0.0.0/8'] });
    const refused = await call(lan.secret);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({
      code: 'API_KEY_NOT_ALLOWED_HERE',
      ip: '127.0.0.1',
    });
    expect((await call((await newKey({ allowedIps: ['127.0.0.0/8', '::1'] })).secret)).status).toBe(200);
    const shop = await newKey({ allowedOrigins: ['https://shop.example'] });
    expect((await call(shop.secret, { origin: 'https://shop.example' })).status).toBe(200);
    expect((await call(shop.secret, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(shop.secret)).status).toBe(403);
  });

  it('rate-limits per key with RateLimit headers, Retry-After and RATE_LIMITED', async () => {
    const key = await newKey({ ratePerMinute: 3 });
    const call = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(key.secret) }, body: '{"query":"{ tanks { name } }"}' });
    const statuses = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) statuses.push((last = await call()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(codeOf((await last!.json()) as { errors: { extensions: Record<string, unknown> }[] })).toBe('RATE_LIMITED');
  });

  it('enforces the daily quota (operations and events) and counts usage per day', async () => {
    const key = await newKey({ dailyQuota: 2 });
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBeUndefined();
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBeUndefined();
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBe('QUOTA_EXCEEDED');
    await stack.gateway.flushUsage();
    const { apiKeys } = await graphqlData<{ apiKeys: { edges: { node: { id: string; usage: { operations: number; rejected: number }[] } }[] } }>(
      url,
      '{ apiKeys(first: 200) { edges { node { id usage(days: 1) { operations rejected } } } } }',
      {},
      admin,
    );
    expect(apiKeys.edges.find((e) => e.node.id === key.id)?.node.usage).toEqual([{ operations: 2, rejected: 1 }]);
  });

  it('closes a revoked key’s open subscription within a second', async () => {
    const key = await newKey({});
    const client = wsClient(stack.gateway.wsUrl, bearer(key.secret));
    let closed: { code: number; reason: string } | undefined;
    client.on('closed', (event) => (closed = event as { code: number; reason: string }));
    const sub = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-2"]) { reading { levelMm } } }' });
    await waitUntil('subscribed', () => stack.live.feed.subscribers().length === 1);
    const revokedAt = Date.now();
    await graphqlData(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, admin);
    await waitUntil('the connection closed', () => closed !== undefined, 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(closed).toMatchObject({ code: 4401, reason: expect.stringContaining('API_KEY_REVOKED') });
    await sub.ended;
    await waitUntil('the upstream subscription closed', () => stack.live.feed.subscribers().length === 0);
  });

  it('closes a key’s subscriptions when its daily quota runs out on events', async () => {
    const key = await newKey({ dailyQuota: 3 });
    const client = wsClient(stack.gateway.wsUrl, bearer(key.secret));
    let closed: { code: number; reason: string } | undefined;
    client.on('closed', (event) => (closed = event as { code: number; reason: string }));
    // One operation (the subscription), then events: the third event uses the quota up.
    const sub = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-2"]) { reading { levelMm } } }' });
    await waitUntil('subscribed', () => stack.live.feed.subscribers().length === 1);
    for (let level = 1; level <= 3; level++) {
      stack.live.feed.emit({ tankId: 'tank-2', levelMm: level });
      await waitUntil(`event ${level}`, () => sub.results.length >= Math.min(level, 2) || closed !== undefined);
    }
    await waitUntil('the connection closed', () => closed !== undefined, 1000);
    expect(closed).toMatchObject({ code: 4429, reason: expect.stringContaining('QUOTA_EXCEEDED') });
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBe('QUOTA_EXCEEDED');
  });

  it('rotation: the old key works through the grace period and not after; the audit log has both', async () => {
    const key = await newKey({});
    const { rotateApiKey } = await graphqlData<{ rotateApiKey: { apiKey: { id: string }; secret: string } }>(
      url,
      'mutation($id: ID!) { rotateApiKey(id: $id, graceSeconds: 1) { apiKey { id } secret } }',
      { id: key.id },
      admin,
    );
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBeUndefined();
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(rotateApiKey.secret)))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret)))).toBe('API_KEY_EXPIRED');
    expect(codeOf(await graphqlHttp(url, '{ tanks { name } }', {}, bearer(rotateApiKey.secret)))).toBeUndefined();
  });

  it('shows a secret only in the answer that created it: never in lists, never in the log', async () => {
    const key = await newKey({ name: 'secret-check' });
    const listed = JSON.stringify(
      await graphqlData(
        url,
        '{ apiKeys(first: 200) { edges { node { id name prefix scopes } } } auditLog(first: 200) { edges { node { details } } } }',
        {},
        admin,
      ),
    );
    // The secret is the last 43 characters; base64url may put `_` inside it, so no split on `_`.
    const secretPart = key.secret.slice(-43);
    expect(listed).toContain(key.secret.split('_')[1]); // the prefix is public
    expect(listed).not.toContain(secretPart);
    await graphqlHttp(url, '{ tanks { name } }', {}, bearer(key.secret.slice(0, -1) + 'x'));
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secretPart);
    expect(log).not.toContain(ADMIN.password);
    expect(log).not.toContain(admin.authorization.slice(-43));
  });

  it('refuses keys that would manage identity or name unknown domains', async () => {
    const res = await graphqlHttp(
      url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'bad', scopes: ['identity:read', 'nowhere:read', 'tanks'] } },
      admin,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.fields as unknown[]).length).toBe(3);
  });

  it('trusted-documents mode: only registered operations run, named by hash or by their own text', async () => {
    const key = await newKey({ trustedDocumentsOnly: true });
    const registered = '{ tanks { name } }';
    const { registerTrustedDocument } = await graphqlData<{ registerTrustedDocument: { sha256: string } }>(
      url,
      'mutation($body: String!) { registerTrustedDocument(body: $body, name: "tank names") { sha256 } }',
      { body: registered },
      admin,
    );
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(key.secret) }, body: JSON.stringify(body) }).then(
        async (r) => (await r.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
      );
    expect((await post({ query: registered })).data).toEqual({ tanks: [{ name: 'T-1' }, { name: 'T-2' }] });
    expect((await post({ documentId: registerTrustedDocument.sha256 })).data).toEqual({ tanks: [{ name: 'T-1' }, { name: 'T-2' }] });
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: registerTrustedDocument.sha256 } } })).data).toBeTruthy();
    expect(codeOf(await post({ query: '{ tanks { name site { name } } }' }))).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // A registered hash cannot smuggle another text.
    expect(codeOf(await post({ documentId: registerTrustedDocument.sha256, query: '{ tanks { id } }' }))).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // Keys without the mode are unaffected; the same operation over graphql-ws by hash works.
    const client = wsClient(stack.gateway.wsUrl, bearer(key.secret));
    const viaWs = await new Promise<unknown>((resolve, reject) =>
      client.subscribe(
        { query: '', extensions: { persistedQuery: { sha256Hash: registerTrustedDocument.sha256 } } },
        { next: resolve, error: reject, complete: () => {} },
      ),
    );
    expect(viaWs).toEqual({ data: { tanks: [{ name: 'T-1' }, { name: 'T-2' }] } });
    await client.dispose();
  });
});
