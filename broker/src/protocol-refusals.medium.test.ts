import type { MqttRejectionReason } from '@hearth/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, secrets, type BrokerFixture } from './testing/broker-fixture';
import { connackCode, connectPacket, packet, publishPacket, rawConnection, rawSession } from './testing/raw-mqtt';

describe('protocol-level refusals are counted by reason', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture({ limits: { connectTimeoutMs: 300 } });
  });
  afterAll(async () => {
    await f?.close();
  });

  const gw1 = { username: 'gw-1', password: secrets['gw-1'] };
  /** Sends `bytes` (after an accepted CONNECT when `authenticated`), waits for the close, returns the reason counted. */
  const countedAs = async (bytes: Buffer, options: { authenticated?: boolean; keepaliveSeconds?: number } = {}) => {
    const before = f.broker.rejections.totals();
    const raw = options.authenticated
      ? await rawSession(f.ports.tcpPort, gw1.username, gw1.password, { keepaliveSeconds: options.keepaliveSeconds ?? 30 })
      : await rawConnection(f.ports.tcpPort);
    raw.socket.write(bytes);
    const received = await raw.closed;
    const after = f.broker.rejections.totals();
    const counted = (Object.keys(after) as MqttRejectionReason[]).filter((r) => after[r] > before[r]);
    return { counted, received };
  };

  const connect = (fields: Partial<Parameters<typeof connectPacket>[0]> = {}) => connectPacket({ clientId: 'probe', ...gw1, ...fields });
  const levels = Array.from({ length: 10_000 }, () => 'a').join('/');

  it.each<[string, () => Buffer, MqttRejectionReason, boolean?]>([
    ['PUBLISH before CONNECT [MQTT-3.1.0-1]', () => publishPacket('hearth/v1/gw-1/status', 'online'), 'MQTT_PROTOCOL_VIOLATION'],
    ['MQTT 5 CONNECT', () => connect({ protocolLevel: 5 }), 'MQTT_UNSUPPORTED_PROTOCOL'],
    ['CONNECT with reserved header flags [MQTT-2.2.2-2]', () => Buffer.from([0x11, ...connect().subarray(1)]), 'MQTT_PROTOCOL_VIOLATION'],
    ['reserved packet type 0', () => Buffer.from([0x00, 0x00]), 'MQTT_PROTOCOL_VIOLATION'],
    ['a second CONNECT [MQTT-3.1.0-2]', () => connect(), 'MQTT_PROTOCOL_VIOLATION', true],
    ['PUBLISH with QoS 3 [MQTT-3.3.1-4]', () => publishPacket('hearth/v1/gw-1/status', 'online', 0x36), 'MQTT_PROTOCOL_VIOLATION', true],
    ['+ in a PUBLISH topic [MQTT-3.3.2-2]', () => publishPacket('hearth/v1/gw-1/tank/+/telemetry', '{}'), 'MQTT_TOPIC_INVALID', true],
    ['# in a PUBLISH topic [MQTT-3.3.2-2]', () => publishPacket('hearth/v1/gw-1/#', '{}'), 'MQTT_TOPIC_INVALID', true],
    ['a 10,000-level topic', () => publishPacket(levels, '{}'), 'MQTT_TOPIC_INVALID', true],
    ['CONNACK from a client', () => packet(0x20, Buffer.from([0, 0])), 'MQTT_PROTOCOL_VIOLATION', true],
  ])('%s', async (_, bytes, reason, authenticated) => {
    const { counted } = await countedAs(bytes(), { authenticated: authenticated ?? false });
    expect(counted).toEqual([reason]);
  });

  it('answers MQTT 5 with CONNACK 1 (unacceptable protocol version)', async () => {
    const { received } = await countedAs(connect({ protocolLevel: 5 }));
    expect(connackCode(received)).toBe(1);
  });

  it('closes and counts a connection that sends no CONNECT in time', async () => {
    const started = Date.now();
    expect((await countedAs(Buffer.alloc(0))).counted).toEqual(['MQTT_CONNECT_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('closes and counts a connection silent for 1.5 × its keep-alive [MQTT-3.1.2-24]', async () => {
    expect((await countedAs(Buffer.alloc(0), { authenticated: true, keepaliveSeconds: 1 })).counted).toEqual(['MQTT_KEEPALIVE_TIMEOUT']);
  });
});
