import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateGatewaySecret } from './registry/provisioning';
import { secrets, startBrokerFixture, tenantA, tenantB, type BrokerFixture } from './testing/broker-fixture';

const closed = (client: MqttClient, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (!client.connected) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    client.once('close', () => (clearTimeout(timer), resolve(true)));
  });

describe('secret rotation', () => {
  let f: BrokerFixture;
  let url: string;
  beforeAll(async () => {
    f = await startBrokerFixture();
    url = `mqtt://127.0.0.1:${f.ports.tcpPort}`;
  });
  afterAll(async () => {
    await f?.close();
  });

  it('accepts the old secret during the grace period and refuses it after; connections made with it end with the grace', async () => {
    const before = await f.connectRaw(url, { username: 'gw-2', password: secrets['gw-2'] });
    const rotated = await rotateGatewaySecret(f.db, { id: 'gw-2', tenantId: tenantA, graceSeconds: 2 });
    expect(rotated?.previousSecretExpiresAt).toBeInstanceOf(Date);

    // Within the grace: both secrets open a connection, and the one made before stays.
    const old = await f.connectRaw(url, { username: 'gw-2', password: secrets['gw-2'], clientId: 'gw-2-old' });
    const fresh = await f.connectRaw(url, { username: 'gw-2', password: rotated!.secret, clientId: 'gw-2-new' });
    expect([before.connected, old.connected, fresh.connected]).toEqual([true, true, true]);

    // At the grace's end the connections that proved the old secret close; the new one stays.
    expect(await closed(old, 4000)).toBe(true);
    expect(await closed(before, 1000)).toBe(true);
    expect(fresh.connected).toBe(true);
    await expect(f.connectRaw(url, { username: 'gw-2', password: secrets['gw-2'] })).rejects.toMatchObject({ code: 4 });
    expect((await f.connectRaw(url, { username: 'gw-2', password: rotated!.secret })).connected).toBe(true);
  });

  it('without a grace period the old secret stops at once, and so do its connections', async () => {
    const first = await rotateGatewaySecret(f.db, { id: 'gw-1', tenantId: tenantA, graceSeconds: 0, secret: 'gw-1-second-secret' });
    const connection = await f.connectRaw(url, { username: 'gw-1', password: first!.secret });
    await rotateGatewaySecret(f.db, { id: 'gw-1', tenantId: tenantA, graceSeconds: 0, secret: 'gw-1-third-secret' });
    expect(await closed(connection, 3000)).toBe(true);
    await expect(f.connectRaw(url, { username: 'gw-1', password: 'gw-1-second-secret' })).rejects.toMatchObject({ code: 4 });
    expect((await f.connectRaw(url, { username: 'gw-1', password: 'gw-1-third-secret' })).connected).toBe(true);
  });

  it("does not rotate another tenant's gateway", async () => {
    expect(await rotateGatewaySecret(f.db, { id: 'gw-9', tenantId: tenantA, graceSeconds: 60 })).toBeNull();
    expect(await rotateGatewaySecret(f.db, { id: 'gw-9', tenantId: tenantB, graceSeconds: 60, secret: secrets['gw-9'] })).not.toBeNull();
  });
});
