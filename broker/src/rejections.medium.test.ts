import type { MqttRejectionReason } from '@hearth/platform';
import { metricsRegistry } from '@hearth/platform';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, tenantA, type BrokerFixture } from './testing/broker-fixture';

const closedOrTimeout = (client: MqttClient, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Publishes at QoS 1 and tells whether the PUBACK came or the connection closed first. */
const publishOutcome = (client: MqttClient, topic: string, payload: string | Buffer) =>
  new Promise<'acked' | 'closed'>((resolve) => {
    client.once('close', () => resolve('closed'));
    client.publish(topic, payload, { qos: 1 }, (err) => !err && resolve('acked'));
  });

describe('rejections', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture({ limits: { maxPayloadBytes: 1024, maxSamplesPerMessage: 10 } });
  });
  afterAll(async () => {
    await f?.close();
  });

  /** The broker still serves: another gateway's valid message is stored. */
  async function stillServing(): Promise<void> {
    const other = await f.connect('gw-2');
    const before = f.sink.stored.length;
    await other.publishAsync('hearth/v1/gw-2/tank/tank-2/telemetry', '{"levelMm":10}', { qos: 1 });
    expect(f.sink.stored.length).toBe(before + 1);
    await other.endAsync();
  }

  it('refuses a wrong password with CONNACK 4 and counts MQTT_BAD_CREDENTIALS', async () => {
    const before = f.broker.rejections.totals().MQTT_BAD_CREDENTIALS;
    const url = `mqtt://127.0.0.1:${f.ports.tcpPort}`;
    await expect(f.connectRaw(url, { username: 'gw-1', password: 'not-the-secret' })).rejects.toMatchObject({ code: 4 });
    await expect(f.connectRaw(url, { username: 'gw-404', password: 'whatever' })).rejects.toMatchObject({ code: 4 });
    await expect(f.connectRaw(url, {})).rejects.toMatchObject({ code: 4 });
    expect(f.broker.rejections.totals().MQTT_BAD_CREDENTIALS).toBe(before + 3);
    const metrics = await metricsRegistry.getSingleMetricAsString('hearth_mqtt_rejections_total');
    expect(metrics).toMatch(/hearth_mqtt_rejections_total\{reason="MQTT_BAD_CREDENTIALS"\} [1-9]/);
  });

  it.each<[string, string, string | Buffer, MqttRejectionReason]>([
    ['an unknown device', 'hearth/v1/gw-1/tank/tank-404/telemetry', '{"levelMm":1}', 'MQTT_UNKNOWN_DEVICE'],
    ['a device bound to another gateway', 'hearth/v1/gw-1/tank/tank-2/telemetry', '{"levelMm":1}', 'MQTT_NOT_BOUND'],
    [
      "another tenant's device (answered as an unknown one: no oracle of other tenants' ids)",
      'hearth/v1/gw-1/tank/tank-9/telemetry',
      '{"levelMm":1}',
      'MQTT_UNKNOWN_DEVICE',
    ],
    ['malformed JSON', 'hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":', 'MQTT_BAD_JSON'],
    ['a schema violation', 'hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":"high"}', 'MQTT_SCHEMA_VIOLATION'],
    ['an oversized payload', 'hearth/v1/gw-1/tank/tank-1/telemetry', `{"levelMm":1,"pad":"${'x'.repeat(2000)}"}`, 'MQTT_PAYLOAD_TOO_LARGE'],
    ['too many samples', 'hearth/v1/gw-1/tank/tank-1/telemetry', JSON.stringify(Array.from({ length: 11 }, () => ({ levelMm: 1 }))), 'MQTT_PAYLOAD_TOO_LARGE'],
  ])('acknowledges, drops and counts %s for the device; the connection and the broker carry on', async (_, topic, payload, reason) => {
    const client = await f.connect('gw-1');
    const [, , , kind, deviceId] = topic.split('/') as [string, string, string, 'tank', string];
    const totalBefore = f.broker.rejections.totals()[reason];
    const deviceBefore = f.broker.rejections.forDevice(tenantA, kind, deviceId).find((r) => r.reason === reason)?.count ?? 0;
    const receivedBefore = f.sink.received.length;

    // PUBACK, and no disconnect: retransmitting the same bytes would not help.
    expect(await publishOutcome(client, topic, payload)).toBe('acked');

    expect(f.sink.received.length).toBe(receivedBefore);
    expect(f.broker.rejections.totals()[reason]).toBe(totalBefore + 1);
    const record = f.broker.rejections.forDevice(tenantA, kind, deviceId).find((r) => r.reason === reason);
    expect(record).toMatchObject({ count: deviceBefore + 1, lastAt: expect.any(Date), lastDetail: expect.any(String) });
    expect(client.connected).toBe(true);
    await client.publishAsync('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":5}', { qos: 1 });
    expect(f.sink.received.length).toBe(receivedBefore + 1);
    await stillServing();
  });

  it("disconnects a gateway publishing under another gateway's id and counts MQTT_TOPIC_FORBIDDEN", async () => {
    const client = await f.connect('gw-1');
    const before = f.broker.rejections.totals().MQTT_TOPIC_FORBIDDEN;
    const received = f.sink.received.length;
    client.publish('hearth/v1/gw-2/tank/tank-2/telemetry', '{"levelMm":1}', { qos: 1 });
    expect(await closedOrTimeout(client, 3000)).toBe(true);
    expect(f.broker.rejections.totals().MQTT_TOPIC_FORBIDDEN).toBe(before + 1);
    expect(f.sink.received.length).toBe(received);
    await stillServing();
  });

  it.each([
    ['outside the contract', 'sensors/tank-1'],
    ['of a wrong shape under its own id', 'hearth/v1/gw-1/tank/tank-1/metrics'],
    ['a downlink command topic', 'hearth/v1/gw-1/tank/tank-1/command'],
  ])('disconnects a gateway publishing to a topic %s and counts MQTT_TOPIC_INVALID', async (_, topic) => {
    const client = await f.connect('gw-1');
    const before = f.broker.rejections.totals().MQTT_TOPIC_INVALID;
    client.publish(topic, '{"levelMm":1}', { qos: 0 });
    expect(await closedOrTimeout(client, 3000)).toBe(true);
    expect(f.broker.rejections.totals().MQTT_TOPIC_INVALID).toBe(before + 1);
    await stillServing();
  });

  it('closes a connection whose packet announces more than the packet limit before buffering it', async () => {
    const client = await f.connect('gw-1');
    const before = f.broker.rejections.totals().MQTT_PAYLOAD_TOO_LARGE;
    client.publish('hearth/v1/gw-1/tank/tank-1/telemetry', Buffer.alloc(64 * 1024, 0x20), { qos: 0 });
    expect(await closedOrTimeout(client, 3000)).toBe(true);
    expect(f.broker.rejections.totals().MQTT_PAYLOAD_TOO_LARGE).toBe(before + 1);
    await stillServing();
  });

  it('survives garbage bytes on the socket', async () => {
    const { connect } = await import('node:net');
    const socket = connect(f.ports.tcpPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x10, 0x00, 0x30]));
    await new Promise((r) => socket.once('close', r));
    await stillServing();
  });
});
