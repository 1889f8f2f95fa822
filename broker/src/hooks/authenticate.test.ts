import type { AuthenticateError, Client } from 'aedes';
import { describe, expect, it } from 'vitest';
import { defaultAdmissionLimits } from '../connection-admission';
import { fakeClient, hookDeps } from '../testing/hook-harness';
import { createAuthenticate } from './authenticate';

describe('authenticate', () => {
  const setup = () => {
    const deps = hookDeps();
    const authenticate = createAuthenticate(deps);
    const run = (client: Client, username?: string, password?: string) =>
      new Promise<{ err: AuthenticateError | null; ok: boolean | null }>((resolve) =>
        authenticate(client, username, password === undefined ? undefined : Buffer.from(password), (err, ok) => resolve({ err, ok })),
      );
    return { deps, run };
  };

  it('accepts a gateway id with its secret and remembers who the connection is', async () => {
    const { deps, run } = setup();
    const client = fakeClient('c-1');
    expect(await run(client, 'gw-1', 's-1')).toEqual({ err: null, ok: true });
    expect(deps.sessions.get(client)).toMatchObject({ gatewayId: 'gw-1', tenantId: 't-1' });
  });

  it.each([
    ['a wrong secret', 'gw-1', 's-2'],
    ['an unknown gateway', 'gw-404', 's-1'],
    ['no username', undefined, 's-1'],
    ['a username that is no gateway id', 'GW 1', 's-1'],
    ['no password', 'gw-1', undefined],
  ])('refuses %s with return code 4, counted as MQTT_BAD_CREDENTIALS', async (_, username, password) => {
    const { deps, run } = setup();
    const client = fakeClient('c-1');
    const { err, ok } = await run(client, username, password);
    expect(ok).toBe(false);
    expect(err?.returnCode).toBe(4);
    expect(deps.rejections.totals().MQTT_BAD_CREDENTIALS).toBe(1);
    expect(deps.sessions.get(client)).toBeUndefined();
  });

  it('answers 3 (server unavailable) when the registry fails, without blaming the credentials', async () => {
    const { deps, run } = setup();
    deps.registry.failing = new Error('db down');
    const { err } = await run(fakeClient('c-1'), 'gw-1', 's-1');
    expect(err?.returnCode).toBe(3);
    expect(deps.rejections.totals().MQTT_BAD_CREDENTIALS).toBe(0);
  });

  it("keeps each gateway's sessions under its own id, so neither refuses nor takes over the other's", async () => {
    const { run } = setup();
    const [first, second] = [fakeClient('shared'), fakeClient('shared')];
    expect((await run(first, 'gw-1', 's-1')).ok).toBe(true);
    expect((await run(second, 'gw-2', 's-2')).ok).toBe(true);
    expect([first.id, second.id]).toEqual(['gw-1/shared', 'gw-2/shared']);
  });

  it('refuses (2) a zero-length client id with clean session 0 before checking the secret [MQTT-3.1.3-8]', async () => {
    const { deps, run } = setup();
    const client = fakeClient('aedes_generated');
    deps.connections.opened(client, '10.0.0.1');
    deps.connections.connectRead(client, { clientId: '', cleanSession: false });
    deps.registry.failing = new Error('the secret must not be checked');
    expect((await run(client, 'gw-1', 's-1')).err?.returnCode).toBe(2);
    expect(deps.rejections.totals().MQTT_IDENTIFIER_REJECTED).toBe(1);
  });

  it('after too many failures from one address refuses (5) at once without checking the secret; other addresses still get in', async () => {
    const deps = hookDeps({ ...defaultAdmissionLimits, failedConnectsPerAddress: { burst: 2, perMs: 60_000 } });
    let checks = 0;
    const authenticateGateway = deps.registry.authenticateGateway.bind(deps.registry);
    deps.registry.authenticateGateway = (id, secret) => (checks++, authenticateGateway(id, secret));
    const authenticate = createAuthenticate(deps);
    const from = (address: string, password: string) => {
      const client = fakeClient('c');
      deps.connections.opened(client, address);
      return new Promise<number | undefined>((resolve) => authenticate(client, 'gw-1', Buffer.from(password), (err) => resolve(err?.returnCode ?? 0)));
    };
    expect(await Promise.all([1, 2, 3, 4].map(() => from('10.0.0.9', 'wrong')))).toEqual([4, 4, 5, 5]);
    expect(checks).toBe(2);
    expect(deps.rejections.totals().MQTT_AUTH_THROTTLED).toBe(2);
    expect(await from('10.0.0.9', 's-1')).toBe(5);
    expect(await from('10.0.0.1', 's-1')).toBe(0);
  });
});
