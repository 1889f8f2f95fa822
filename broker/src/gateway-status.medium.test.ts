import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, tenantA, type BrokerFixture } from './testing/broker-fixture';

describe('gateway status', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  const statusesOf = (gatewayId: string) => f.sink.statuses.filter((s) => s.gatewayId === gatewayId).map((s) => s.online);

  it('reports a gateway online when it connects and offline when it disconnects', async () => {
    const client = await f.connect('gw-2');
    await f.sink.until(() => statusesOf('gw-2').length === 1);
    expect(f.sink.statuses.at(-1)).toMatchObject({ tenantId: tenantA, gatewayId: 'gw-2', online: true, at: expect.any(Date) });
    await client.endAsync();
    await f.sink.until(() => statusesOf('gw-2').length === 2);
    expect(statusesOf('gw-2')).toEqual([true, false]);
  });

  it("passes on the gateway's own status messages, in both accepted forms", async () => {
    const client = await f.connect('gw-1');
    await f.sink.until(() => statusesOf('gw-1').at(-1) === true);
    const before = statusesOf('gw-1').length;
    await client.publishAsync('hearth/v1/gw-1/status', 'offline', { qos: 1, retain: true });
    await client.publishAsync('hearth/v1/gw-1/status', '{"online":true}', { qos: 1 });
    expect(statusesOf('gw-1').slice(before)).toEqual([false, true]);
    await client.endAsync();
  });

  it('passes on the Last Will when a gateway vanishes, once', async () => {
    const client = await f.connect('gw-1', { will: { topic: 'hearth/v1/gw-1/status', payload: Buffer.from('{"online":false}'), qos: 1, retain: true } });
    await f.sink.until(() => statusesOf('gw-1').at(-1) === true);
    const before = statusesOf('gw-1').length;
    client.stream.destroy(); // no DISCONNECT: the will is published [MQTT-3.1.2-8]
    await f.sink.until(() => statusesOf('gw-1').length > before);
    await new Promise((r) => setTimeout(r, 100));
    expect(statusesOf('gw-1').slice(before)).toEqual([false]);
  });

  it('counts a status payload it cannot read and keeps the connection', async () => {
    const client = await f.connect('gw-1');
    const before = f.broker.rejections.totals().MQTT_SCHEMA_VIOLATION;
    await client.publishAsync('hearth/v1/gw-1/status', 'maybe', { qos: 1 });
    expect(f.broker.rejections.totals().MQTT_SCHEMA_VIOLATION).toBe(before + 1);
    expect(client.connected).toBe(true);
    await client.endAsync();
  });

  it('keeps a gateway online while it still has another connection', async () => {
    const a = await f.connect('gw-2', { clientId: 'gw-2-a' });
    const b = await f.connect('gw-2', { clientId: 'gw-2-b' });
    await f.sink.until(() => statusesOf('gw-2').at(-1) === true);
    const before = statusesOf('gw-2').length;
    await a.endAsync();
    await new Promise((r) => setTimeout(r, 100));
    expect(statusesOf('gw-2').length).toBe(before);
    await b.endAsync();
    await f.sink.until(() => statusesOf('gw-2').at(-1) === false);
  });

  it("lets two gateways use the same client id at once: neither takes over the other's session", async () => {
    const first = await f.connect('gw-1', { clientId: 'shared-id' });
    const second = await f.connect('gw-2', { clientId: 'shared-id' });
    await new Promise((r) => setTimeout(r, 100)); // room for a takeover that must not happen
    expect([first.connected, second.connected]).toEqual([true, true]);
    await first.endAsync();
    await second.endAsync();
  });
});
