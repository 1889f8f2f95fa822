import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { startFixtureStack, type FixtureStack } from '../testing/fixture-stack';
import { createUser, ensureTenant } from './users';

/** Issue 10, finding 10: nothing tells one tenant, or an anonymous caller, which emails exist elsewhere. */
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000b2';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken viewer { tenantId } } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { email } }';
const ADMIN_A = { email: 'admin@a.example', password: 'admin a password' };
const ADMIN_B = { email: 'admin@b.example', password: 'admin b password' };

type Answer = Awaited<ReturnType<typeof graphqlHttp>>;
const codeOf = (res: Answer) => res.errors?.[0]?.extensions?.code;
/** What a caller can see of a refused login, timing apart. */
// The lock's countdown moves on between the two answers, so it is compared to the second's tens.
const visible = (res: Answer) => ({
  code: codeOf(res),
  message: res.errors?.[0]?.message?.replace(/\d+ s\b/, 'N s'),
  retryAfterTens: Math.ceil(Number(res.errors?.[0]?.extensions?.retryAfterSeconds ?? 0) / 10),
});

let stack: FixtureStack;
let url: string;
const adminOf = async (who: typeof ADMIN_A) => {
  const { login } = await graphqlData<{ login: { accessToken: string } }>(url, LOGIN, who);
  return { authorization: `Bearer ${login.accessToken}` };
};

beforeAll(async () => {
  // Generous per address: every login here comes from 127.0.0.1, and this file is about the lock-out.
  stack = await startFixtureStack({ loginThrottle: { failuresPerAddressPerMinute: 1_000, failuresPerEmailPerMinute: 5 } });
  url = stack.gateway.graphqlUrl;
  await ensureTenant(stack.db, OTHER_TENANT, 'Other Gas Co.');
  await createUser(stack.db, DEMO_TENANT_ID, { ...ADMIN_A, name: 'Admin A', role: 'ADMIN' }, 'system');
  await createUser(stack.db, OTHER_TENANT, { ...ADMIN_B, name: 'Admin B', role: 'ADMIN' }, 'system');
});
afterAll(() => stack.close());

describe('users across tenants', () => {
  it("lets an admin add an email another tenant already has, as if it were free; only their own tenant's duplicates clash", async () => {
    const shared = 'pat@shared.example';
    const input = (password: string) => ({ email: shared, name: 'Pat', role: 'VIEWER', password });
    await graphqlData(url, CREATE_USER, { input: input('pat in company a') }, await adminOf(ADMIN_A));
    const adminB = await adminOf(ADMIN_B);
    expect(await graphqlData(url, CREATE_USER, { input: input('pat in company b') }, adminB)).toEqual({ createUser: { email: shared } });
    const again = await graphqlHttp(url, CREATE_USER, { input: { ...input('pat in company b'), email: 'PAT@shared.example' } }, adminB);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    // Each account's password opens its own company.
    const a = await graphqlData<{ login: { viewer: { tenantId: string } } }>(url, LOGIN, { email: shared, password: 'pat in company a' });
    const b = await graphqlData<{ login: { viewer: { tenantId: string } } }>(url, LOGIN, { email: shared, password: 'pat in company b' });
    expect([a.login.viewer.tenantId, b.login.viewer.tenantId]).toEqual([DEMO_TENANT_ID, OTHER_TENANT]);
  });
});

describe('the login lock-out', () => {
  it('answers an unknown email exactly like a known one: same codes, messages and lock, comparable time', async () => {
    await createUser(stack.db, DEMO_TENANT_ID, { email: 'known@a.example', password: 'the real password', name: 'Known', role: 'VIEWER' }, 'system');
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    const ms = { known: 0, unknown: 0 };
    // Interleaved, so both sides meet the same machine load.
    for (let i = 0; i < 6; i++) {
      for (const [side, email] of [
        ['known', 'known@a.example'],
        ['unknown', 'nobody@a.example'],
      ] as const) {
        const started = performance.now();
        (side === 'known' ? known : unknown).push(await graphqlHttp(url, LOGIN, { email, password: `wrong guess ${i}` }));
        if (i < 4) ms[side] += performance.now() - started;
      }
    }
    expect(known.map(codeOf)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
    expect(unknown.map(visible)).toEqual(known.map(visible));
    // Each failure before the lock is one password hash either way (the decoy for the unknown email).
    expect(ms.unknown / ms.known).toBeGreaterThan(0.5);
    expect(ms.unknown / ms.known).toBeLessThan(2);
  });

  it('refuses a burst of parallel guesses at one email past the lock-out allowance, known or not, alike', async () => {
    await createUser(stack.db, DEMO_TENANT_ID, { email: 'burst@a.example', password: 'the real password', name: 'Burst', role: 'VIEWER' }, 'system');
    const burst = (email: string) => Promise.all(Array.from({ length: 8 }, (_, i) => graphqlHttp(url, LOGIN, { email, password: `parallel guess ${i}` })));
    const tally = (answers: Answer[]) => answers.map(codeOf).sort();
    const [known, unknown] = await Promise.all([burst('burst@a.example'), burst('nobody-burst@a.example')]);
    expect(tally(known)).toEqual(tally(unknown));
    expect(tally(known).filter((code) => code === 'RATE_LIMITED')).toHaveLength(3);
    expect(known.find((a) => codeOf(a) === 'RATE_LIMITED')?.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
  });
});
