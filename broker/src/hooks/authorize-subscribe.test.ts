import type { Subscription } from 'aedes';
import { describe, expect, it } from 'vitest';
import { fakeClient, hookDeps, publishPacket } from '../testing/hook-harness';
import { createAuthorizeForward } from './authorize-forward';
import { createAuthorizeSubscribe } from './authorize-subscribe';

describe('authorizeSubscribe', () => {
  const setup = () => {
    const deps = hookDeps();
    const client = fakeClient('c-1');
    deps.sessions.open(client, { gatewayId: 'gw-1', tenantId: 't-1' });
    const authorize = createAuthorizeSubscribe({ ...deps, maxSubscriptions: 2 });
    const run = (topic: string, from = client) =>
      new Promise<{ err: Error | null; sub: Subscription | null | undefined }>((resolve) =>
        authorize(from, { topic, qos: 1 }, (err, sub) => resolve({ err, sub })),
      );
    return { deps, run };
  };

  it('grants its own command filters unchanged', async () => {
    const { run } = setup();
    expect(await run('hearth/v1/gw-1/+/+/command')).toEqual({ err: null, sub: { topic: 'hearth/v1/gw-1/+/+/command', qos: 1 } });
  });

  it('answers other filters with no subscription and no error: SUBACK 0x80, the connection stays', async () => {
    const { deps, run } = setup();
    for (const topic of ['hearth/v1/gw-2/#', '#', 'hearth/v1/gw-1/tank/tank-1/telemetry']) {
      expect(await run(topic)).toEqual({ err: null, sub: null });
    }
    expect(deps.rejections.totals().MQTT_TOPIC_FORBIDDEN).toBe(3);
  });

  it('grants nothing to a connection it does not know', async () => {
    const { run } = setup();
    expect((await run('hearth/v1/gw-1/#', fakeClient('stranger'))).sub).toBeNull();
  });
  it('refuses filters beyond the per-connection limit with 0x80, counted, while a filter it holds may be renewed', async () => {
    const { deps, run } = setup();
    expect((await run('hearth/v1/gw-1/tank/tank-1/command')).sub).not.toBeNull();
    expect((await run('hearth/v1/gw-1/tank/tank-2/command')).sub).not.toBeNull();
    expect(await run('hearth/v1/gw-1/tank/tank-3/command')).toEqual({ err: null, sub: null });
    expect((await run('hearth/v1/gw-1/tank/tank-1/command')).sub).not.toBeNull();
    expect(deps.rejections.totals().MQTT_SUBSCRIPTION_LIMIT).toBe(1);
  });
});

describe('authorizeForward', () => {
  it("forwards its own devices' commands only", () => {
    const deps = hookDeps();
    const client = fakeClient('c-1');
    deps.sessions.open(client, { gatewayId: 'gw-1', tenantId: 't-1' });
    const forward = createAuthorizeForward(deps.sessions);
    const packet = (topic: string) => ({ ...publishPacket(topic, '{}'), brokerId: 'b', brokerCounter: 1 });
    expect(forward(client, packet('hearth/v1/gw-1/tank/tank-1/command'))).toBeTruthy();
    expect(forward(client, packet('hearth/v1/gw-1/tank/tank-1/telemetry'))).toBeNull();
    expect(forward(client, packet('hearth/v1/gw-2/tank/tank-2/command'))).toBeNull();
    expect(forward(client, packet('hearth/v1/gw-1/status'))).toBeNull();
    expect(forward(fakeClient('stranger'), packet('hearth/v1/gw-1/tank/tank-1/command'))).toBeNull();
  });
});
