import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, tenantA, type BrokerFixture } from './testing/broker-fixture';

const telemetry = 'hearth/v1/gw-1/tank/tank-1/telemetry';
const settledWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);

describe('acknowledged = stored', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('delivers a valid QoS 1 message to the sink with its tenant, device and samples', async () => {
    const client = await f.connect('gw-1');
    await client.publishAsync(telemetry, '{"ts":"2026-01-02T03:04:05Z","seq":1,"levelMm":1834.2,"temperatureC":14.5}', { qos: 1 });
    const message = f.sink.stored.at(-1);
    expect(message).toMatchObject({ tenantId: tenantA, gatewayId: 'gw-1', kind: 'tank', deviceId: 'tank-1', channel: 'telemetry', qos: 1 });
    expect(message?.samples).toEqual([{ ts: new Date('2026-01-02T03:04:05Z'), tsGiven: true, seq: 1, values: { levelMm: 1834.2, temperatureC: 14.5 } }]);
  });

  it('sends the QoS 1 PUBACK only after the sink has stored the message', async () => {
    const client = await f.connect('gw-1');
    const gate = f.sink.hold();
    const before = f.sink.received.length;
    const acked = client.publishAsync(telemetry, '{"seq":2,"levelMm":1800}', { qos: 1 });
    await f.sink.until(() => f.sink.received.length > before);
    expect(await settledWithin(acked, 300)).toBe(false);
    gate.release();
    await acked;
    expect(f.sink.stored.at(-1)?.samples[0]?.seq).toBe(2);
  });

  it('reads a connection on while its earlier publishes are being stored, and acknowledges them in order', async () => {
    const client = await f.connect('gw-1');
    const pubacks: number[] = [];
    client.on('packetreceive', (p) => {
      if (p.cmd === 'puback') pubacks.push(p.messageId!);
    });
    const gate = f.sink.hold();
    const before = f.sink.received.length;
    const first = client.publishAsync(telemetry, '{"seq":10,"levelMm":1800}', { qos: 1 });
    await f.sink.until(() => f.sink.received.length === before + 1);
    // Sent after the first one is read: it reaches the sink although the first is not stored yet.
    const second = client.publishAsync(telemetry, '{"seq":11,"levelMm":1801}', { qos: 1 });
    await f.sink.until(() => f.sink.received.length === before + 2, 2000);
    expect(await settledWithin(first, 100)).toBe(false);
    gate.release();
    const [a, b] = await Promise.all([first, second]);
    expect(pubacks).toEqual([a!.messageId, b!.messageId]);
  });

  it('stops reading a connection that has as many unacknowledged publishes as it may (TCP pushes back)', async () => {
    const limited = await startBrokerFixture({ limits: { maxUnackedPublishes: 2 } });
    const gate = limited.sink.hold();
    try {
      const client = await limited.connect('gw-1');
      const sent: Promise<unknown>[] = [];
      for (let seq = 1; seq <= 10; seq++) {
        sent.push(client.publishAsync(telemetry, `{"seq":${seq},"levelMm":1800}`, { qos: 1 }));
        await new Promise((r) => setTimeout(r, 20));
      }
      // Two may wait for storage; Aedes reads one more socket chunk before it stops (it stops for
      // a read with two or more packets unfinished), so at most four reach the sink, not ten.
      expect(limited.sink.received.length).toBeGreaterThanOrEqual(2);
      expect(limited.sink.received.length).toBeLessThanOrEqual(4);
      gate.release();
      await Promise.all(sent);
      expect(limited.sink.stored.map((m) => m.samples[0]?.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      gate.release();
      await limited.close();
    }
  });

  it('sends the QoS 2 PUBREC only after the sink has stored the message', async () => {
    const client = await f.connect('gw-1');
    const gate = f.sink.hold();
    const before = f.sink.received.length;
    const completed = client.publishAsync(telemetry, '{"seq":3,"levelMm":1790}', { qos: 2 });
    await f.sink.until(() => f.sink.received.length > before);
    expect(await settledWithin(completed, 300)).toBe(false);
    gate.release();
    await completed;
    expect(f.sink.stored.at(-1)?.samples[0]?.seq).toBe(3);
  });

  it('stores QoS 0 messages too, off the acknowledgement path (QoS 0 has none)', async () => {
    const client = await f.connect('gw-1');
    await client.publishAsync(telemetry, '{"seq":4,"levelMm":1780}', { qos: 0 });
    await f.sink.until(() => f.sink.stored.at(-1)?.samples[0]?.seq === 4);
    expect(f.sink.stored.at(-1)?.qos).toBe(0);
  });

  it('does not acknowledge when the sink fails: no PUBACK, the connection is closed, MQTT_STORE_FAILED is counted', async () => {
    const client = await f.connect('gw-1');
    const failedBefore = f.broker.rejections.totals().MQTT_STORE_FAILED;
    f.sink.failWith(new Error('disk full'));
    let acked = false;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetry, '{"seq":5,"levelMm":1770}', { qos: 1 }, (err) => {
      if (!err) acked = true;
    });
    await closed;
    f.sink.failWith(undefined);
    expect(acked).toBe(false);
    expect(f.broker.rejections.totals().MQTT_STORE_FAILED).toBe(failedBefore + 1);
    expect(f.broker.rejections.forDevice(tenantA, 'tank', 'tank-1')).toContainEqual(
      expect.objectContaining({ reason: 'MQTT_STORE_FAILED', lastDetail: expect.stringContaining('disk full') }),
    );
  });

  it('counts samples the sink recognised as duplicates as MQTT_DUPLICATE for the device', async () => {
    const client = await f.connect('gw-1');
    await client.publishAsync(telemetry, '[{"seq":100,"levelMm":1},{"seq":101,"levelMm":2}]', { qos: 1 });
    const before = f.broker.rejections.totals().MQTT_DUPLICATE;
    await client.publishAsync(telemetry, '[{"seq":100,"levelMm":1},{"seq":101,"levelMm":2},{"seq":102,"levelMm":3}]', { qos: 1 });
    expect(f.broker.rejections.totals().MQTT_DUPLICATE).toBe(before + 2);
    expect(f.broker.rejections.forDevice(tenantA, 'tank', 'tank-1')).toContainEqual(expect.objectContaining({ reason: 'MQTT_DUPLICATE' }));
  });
});
