import type { AuthenticateError, Client } from 'aedes';
import { describe, expect, it } from 'vitest';
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

  it('refuses (2) a client id live under another gateway, but lets the same gateway take it over', async () => {
    const { run } = setup();
    expect((await run(fakeClient('shared'), 'gw-1', 's-1')).ok).toBe(true);
    expect((await run(fakeClient('shared'), 'gw-2', 's-2')).err?.returnCode).toBe(2);
    expect((await run(fakeClient('shared'), 'gw-1', 's-1')).ok).toBe(true);
  });
});
