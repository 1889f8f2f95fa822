import { createServer, type Server, type Socket } from 'node:net';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterAll, expect, it } from 'vitest';
import { GatewaySimulator } from './gateway-simulator';

/**
 * A listener that speaks just enough MQTT: it answers the first CONNECTs with CONNACK 2
 * (identifier rejected, what a broker says when the id is refused) and later ones with 0,
 * and records the type of every packet it receives after an accepted CONNECT.
 */
async function refusingBroker(refusals: number) {
  const attempts: number[] = [];
  const accepted: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let connected = false;
    socket.on('data', (bytes) => {
      if (connected) return void accepted.push(bytes[0]! >> 4);
      attempts.push(Date.now());
      const code = attempts.length <= refusals ? 2 : 0;
      socket.write(Buffer.from([0x20, 0x02, 0x00, code]));
      if (code === 0) connected = true;
      else socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const close = () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `mqtt://127.0.0.1:${port}`, attempts, accepted, close };
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

it('survives a refused CONNECT: retries with growing delays and connects once it is let in', async () => {
  const broker = await refusingBroker(3);
  cleanup.unshift(broker.close);
  const simulator = new GatewaySimulator({
    url: broker.url,
    gatewayId: 'depot-1',
    secret: 's',
    tanks: [{ id: 'tank-1', scenario: 'steady', heightMm: 2000, start: 0.5 }],
    intervalMs: 50,
    reconnectMinMs: 40,
  });
  cleanup.push(() => simulator.stop());
  expect(() => simulator.start()).not.toThrow();
  await waitUntil('the simulator connects after three refusals', () => simulator.connected, 10_000);
  expect(broker.attempts.length).toBe(4);
  const gaps = broker.attempts.slice(1).map((at, i) => at - broker.attempts[i]!);
  expect(gaps[2]!).toBeGreaterThanOrEqual(gaps[0]! * 1.2); // it backs off (each step doubles, with up to half jitter)
  await waitUntil('it publishes once connected', () => broker.accepted.includes(3));
});
