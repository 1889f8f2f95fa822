import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, type BrokerFixture } from './testing/broker-fixture';
import { commandTopic } from './topics';

describe('subscriptions and downlink', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  const sendCommand = (topic: string, payload: string) =>
    new Promise<void>((resolve, reject) =>
      f.broker.aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );

  it('grants its own command filters and refuses others with 0x80, counting MQTT_TOPIC_FORBIDDEN; the connection stays', async () => {
    const client = await f.connect('gw-1');
    const before = f.broker.rejections.totals().MQTT_TOPIC_FORBIDDEN;
    const filters = {
      'hearth/v1/gw-1/+/+/command': 1,
      'hearth/v1/gw-1/tank/tank-1/command': 1,
      'hearth/v1/gw-1/#': 0,
      'hearth/v1/gw-2/#': 1,
      'hearth/v1/+/tank/+/command': 1,
      'hearth/v1/gw-1/tank/tank-1/telemetry': 1,
      '#': 0,
    } as const;
    // MQTT.js turns a SUBACK with any 0x80 into an error; the SUBACK itself is what we check.
    const suback = new Promise<number[]>((resolve) => client.on('packetreceive', (packet) => packet.cmd === 'suback' && resolve(packet.granted as number[])));
    client.subscribe(Object.fromEntries(Object.entries(filters).map(([topic, qos]) => [topic, { qos }])), () => undefined);
    expect(await suback).toEqual([1, 1, 0, 128, 128, 128, 128]);
    expect(f.broker.rejections.totals().MQTT_TOPIC_FORBIDDEN).toBe(before + 4);
    expect(client.connected).toBe(true);
  });

  it("delivers its own devices' commands to a gateway, but not another gateway's nor its own telemetry", async () => {
    const gw1 = await f.connect('gw-1');
    const gw2 = await f.connect('gw-2');
    await gw1.subscribeAsync('hearth/v1/gw-1/#', { qos: 1 });
    await gw2.subscribeAsync('hearth/v1/gw-2/#', { qos: 1 });
    const seen1: string[] = [];
    const seen2: string[] = [];
    gw1.on('message', (topic) => seen1.push(topic));
    gw2.on('message', (topic) => seen2.push(topic));

    await gw1.publishAsync('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}', { qos: 1 });
    await sendCommand(commandTopic('gw-1', 'tank', 'tank-1'), '{"id":"c-1","desired":{"inletValveOpen":false}}');
    await sendCommand(commandTopic('gw-2', 'tank', 'tank-2'), '{"id":"c-2"}');
    await new Promise<void>((resolve) => {
      const wait = () => (seen1.length > 0 && seen2.length > 0 ? resolve() : setTimeout(wait, 10));
      wait();
    });
    await new Promise((r) => setTimeout(r, 100)); // room for anything that should not arrive

    expect(seen1).toEqual(['hearth/v1/gw-1/tank/tank-1/command']);
    expect(seen2).toEqual(['hearth/v1/gw-2/tank/tank-2/command']);
  });
});
