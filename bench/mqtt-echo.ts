import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { check, epochNow, latencySummary, sleep } from './stats';

export interface EchoOptions {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  devices: number;
}

/**
 * TCP_NODELAY on a client's socket, as the brokers set it on theirs: MQTT.js leaves Nagle on, and a
 * publish written right after a PUBACK then waits for the broker's delayed TCP ACK (~20–40 ms),
 * which measured the clients, not the path (the echo's p50 was 20.9 ms at 50/s without it).
 */
export function noDelay(client: MqttClient): MqttClient {
  (client.stream as Socket).setNoDelay(true);
  return client;
}

/**
 * The peer: an MQTT round trip through a bare Aedes broker in this process at the same rate, QoS 1
 * both ways (a client publishes, a second subscribed client publishes it back, the first receives
 * it): the floor of any device → service → device command path, without storage or a decision.
 * `rate` messages a second for `seconds` over `devices` topics, the first `warmupSeconds` not timed.
 */
export async function echoRoundTrip(o: EchoOptions): Promise<ReturnType<typeof latencySummary>> {
  const aedes = new Aedes();
  await aedes.listen();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: MqttClient[] = [];
  try {
    const device = noDelay(await mqtt.connectAsync(url, { clientId: 'bench-device', reconnectPeriod: 0 }));
    const service = noDelay(await mqtt.connectAsync(url, { clientId: 'bench-service', reconnectPeriod: 0 }));
    clients.push(device, service);
    service.on('message', (topic, payload) => service.publish(topic.replace('/event', '/command'), payload, { qos: 1 }));
    await service.subscribeAsync('echo/+/event', { qos: 1 });
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    device.on('message', (_topic, payload) => {
      const arrived = epochNow();
      const { n } = JSON.parse(payload.toString()) as { n: number };
      const at = sentAt.get(n);
      if (at !== undefined) latencies.push(arrived - at);
      sentAt.delete(n);
    });
    await device.subscribeAsync('echo/+/command', { qos: 1 });
    const total = Math.round(o.rate * o.seconds);
    const warmup = Math.round(o.rate * o.warmupSeconds);
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * o.rate));
        for (; sent < due; sent++) {
          if (sent >= warmup) sentAt.set(sent, epochNow());
          device.publish(`echo/device-${sent % o.devices}/event`, JSON.stringify({ n: sent, type: 'TAG_READ' }), { qos: 1 });
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    const deadline = Date.now() + 10_000;
    while (sentAt.size > 0 && Date.now() < deadline) await sleep(10);
    check(sentAt.size === 0, `${sentAt.size} echoes lost on the bare broker`);
    return latencySummary(latencies);
  } finally {
    await Promise.all(clients.map((c) => c.endAsync()));
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
  }
}
