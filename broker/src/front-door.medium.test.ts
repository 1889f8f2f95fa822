import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, secrets, type BrokerFixture } from './testing/broker-fixture';
import { connackCode, connectPacket, rawConnection, rawSession, remainingLength, subscribePacket } from './testing/raw-mqtt';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('front door: what an unauthenticated or abusive connection may cost', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture({ limits: { connectionsPerAddress: { burst: 1_000, perMs: 60_000 }, failedConnectsPerAddress: { burst: 5, perMs: 60_000 } } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('closes at once a socket that announces a large CONNECT, instead of buffering it for the connect timeout', async () => {
    const before = f.broker.rejections.totals().MQTT_PRE_AUTH_LIMIT;
    const sockets = await Promise.all(Array.from({ length: 200 }, () => rawConnection(f.ports.tcpPort)));
    const started = Date.now();
    // Each announces a 900 KB CONNECT and sends 64 KB of it.
    for (const raw of sockets) raw.socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(900_000), Buffer.alloc(64 * 1024)]));
    await Promise.all(sockets.map((raw) => raw.closed));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(f.broker.rejections.totals().MQTT_PRE_AUTH_LIMIT - before).toBe(200);
  });

  it("closes a connection that floods SUBSCRIBE packets, and another gateway's PUBACKs stay fast", async () => {
    const before = f.broker.rejections.totals().MQTT_SUBSCRIBE_RATE_LIMITED;
    const publisher = await f.connect('gw-1');
    const noisy = await rawSession(f.ports.tcpPort, 'gw-9', secrets['gw-9']);
    const pubacks: number[] = [];
    const publishing = (async () => {
      for (let seq = 1; seq <= 40; seq++) {
        const started = performance.now();
        await publisher.publishAsync('hearth/v1/gw-1/tank/tank-1/telemetry', JSON.stringify({ seq, levelMm: 1000 }), { qos: 1 });
        pubacks.push(performance.now() - started);
      }
    })();
    const flood = Buffer.concat(Array.from({ length: 5_000 }, (_, i) => subscribePacket((i % 65_535) + 1, `hearth/v1/gw-9/tank/t-${i}/command`)));
    noisy.socket.write(flood);
    await noisy.closed;
    await publishing;
    await publisher.endAsync();
    expect(f.broker.rejections.totals().MQTT_SUBSCRIBE_RATE_LIMITED - before).toBe(1);
    expect(median(pubacks)).toBeLessThan(100);
  });
  it("answers another address's CONNECT promptly during a flood of wrong secrets, checking only a few of them", async () => {
    const before = f.broker.rejections.totals();
    const flood = await Promise.all(Array.from({ length: 400 }, () => rawConnection(f.ports.tcpPort)));
    for (const [i, raw] of flood.entries()) raw.socket.write(connectPacket({ clientId: `flood-${i}`, username: 'gw-1', password: 'wrong' }));
    const legitimate = await rawConnection(f.ports.tcpPort, '127.0.0.2');
    const started = Date.now();
    legitimate.socket.write(connectPacket({ clientId: 'depot', username: 'gw-2', password: secrets['gw-2'] }));
    const connack = await new Promise<Buffer>((resolve) => legitimate.socket.once('data', resolve));
    const connectMs = Date.now() - started;
    legitimate.socket.destroy();
    const codes = (await Promise.all(flood.map((raw) => raw.closed))).map(connackCode);
    const after = f.broker.rejections.totals();
    expect(connackCode(connack)).toBe(0);
    // Generous for a loaded machine: without the throttle it waited for every wrong secret's check (or was refused).
    expect(connectMs).toBeLessThan(3_000);
    expect(after.MQTT_BAD_CREDENTIALS - before.MQTT_BAD_CREDENTIALS).toBe(5);
    expect(after.MQTT_AUTH_THROTTLED - before.MQTT_AUTH_THROTTLED).toBe(395);
    expect(codes.filter((c) => c === 5)).toHaveLength(395); // "not authorized", at once
  });
});

describe('front door: connections per source address', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture({ limits: { connectionsPerAddress: { burst: 5, perMs: 60_000 } } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('closes connections beyond the rate of one address at once, counted; another address still connects', async () => {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => rawConnection(f.ports.tcpPort)));
    const closedAtOnce = await Promise.all(
      sockets.map((raw) => Promise.race([raw.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))])),
    );
    expect(closedAtOnce.filter(Boolean)).toHaveLength(3);
    expect(f.broker.rejections.totals().MQTT_CONNECTION_RATE_LIMITED).toBe(3);
    const other = await rawConnection(f.ports.tcpPort, '127.0.0.3');
    other.socket.write(connectPacket({ clientId: 'x', username: 'gw-1', password: secrets['gw-1'] }));
    expect(connackCode(await new Promise<Buffer>((resolve) => other.socket.once('data', resolve)))).toBe(0);
    for (const raw of [...sockets, other]) raw.socket.destroy();
  });
});
