import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, type BrokerFixture } from './testing/broker-fixture';

const command = (id: string) => ({ gatewayId: 'gw-1', kind: 'tank' as const, deviceId: 'tank-1', id, payload: { id, desired: { inletValveOpen: false } } });

describe('downlink', () => {
  let f: BrokerFixture;
  const routes: string[] = [];
  beforeAll(async () => {
    f = await startBrokerFixture();
    f.broker.downlink.onRoute((gatewayId) => routes.push(gatewayId));
  });
  afterAll(async () => {
    await f?.close();
  });
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 250 && !what(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(what()).toBe(true);
  };

  it('sends nothing while no connection of the gateway subscribes to the command topic', async () => {
    const client = await f.connect('gw-1');
    expect(f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1')).toBe(false);
    expect(await f.broker.downlink.send(command('c-0'))).toBe('no-route');
    await client.endAsync();
  });

  it('announces a route when the gateway subscribes, and sends to it alone', async () => {
    const client = await f.connect('gw-1');
    const other = await f.connect('gw-2');
    await other.subscribeAsync('hearth/v1/gw-2/#', { qos: 1 });
    const received: { topic: string; payload: string }[] = [];
    client.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    other.on('message', (topic) => received.push({ topic, payload: 'to gw-2' }));
    await client.subscribeAsync('hearth/v1/gw-1/+/+/command', { qos: 1 });
    await until(() => routes.includes('gw-1'));
    expect(f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1')).toBe(true);
    expect(f.broker.downlink.canReceive('gw-1', 'pump', 'pump-1')).toBe(true);
    expect(f.broker.downlink.canReceive('gw-2', 'tank', 'tank-1')).toBe(true);
    expect(f.broker.downlink.canReceive('gw-9', 'tank', 'tank-9')).toBe(false);

    expect(await f.broker.downlink.send(command('c-1'))).toBe('sent');
    await until(() => received.length > 0);
    await new Promise((r) => setTimeout(r, 100)); // room for anything that should not arrive
    expect(received).toEqual([{ topic: 'hearth/v1/gw-1/tank/tank-1/command', payload: '{"id":"c-1","desired":{"inletValveOpen":false}}' }]);

    await client.unsubscribeAsync('hearth/v1/gw-1/+/+/command');
    expect(f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1')).toBe(false);
    await client.endAsync();
    await other.endAsync();
  });

  it('finds the route of a persistent session restored without a SUBSCRIBE, and announces it', async () => {
    const options = { clientId: 'gw-1-persistent', clean: false };
    const first = await f.connect('gw-1', options);
    await first.subscribeAsync('hearth/v1/gw-1/#', { qos: 1 });
    await first.endAsync();
    expect(f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1')).toBe(false);
    const before = routes.length;
    const again = await f.connect('gw-1', options);
    await until(() => routes.length > before);
    expect(f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1')).toBe(true);
    await again.endAsync();
  });
});
