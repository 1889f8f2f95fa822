import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SEND_HIGH_WATER_BYTES, sendQueued } from './use-graphql-ws';

/** A socket whose writes complete only when the test says so. */
function socket(bufferedAmount: number) {
  const writes: (() => void)[] = [];
  const fake = { OPEN: 1, readyState: 1, bufferedAmount, send: (_data: string, done: (err?: Error) => void) => writes.push(() => done()) };
  return { fake: fake as unknown as Parameters<typeof sendQueued>[0], writes };
}
const settled = async (promise: Promise<void>) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20))]);

describe('sending graphql-ws messages', () => {
  it('takes a message as sent once queued on a socket with room, without waiting for the write', async () => {
    const { fake, writes } = socket(0);
    expect(await settled(sendQueued(fake, 'event'))).toBe(true);
    expect(writes).toHaveLength(1);
  });

  it('waits for the write once the socket holds more than the high-water mark (a client not reading)', async () => {
    const { fake, writes } = socket(SEND_HIGH_WATER_BYTES);
    const sent = sendQueued(fake, 'event');
    expect(await settled(sent)).toBe(false);
    writes[0]!();
    expect(await settled(sent)).toBe(true);
  });
  it('sends the frames of one turn in one write to the TCP socket (a batch of events, not a write each)', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(String(data)));
    try {
      const sending = await accepted;
      await new Promise((r) => client.once('open', r));
      const tcp = (sending as unknown as { _socket: { _write: unknown; _writev: unknown } })._socket;
      let writes = 0;
      for (const name of ['_write', '_writev'] as const) {
        const original = tcp[name] as (...args: unknown[]) => unknown;
        tcp[name] = (...args: unknown[]) => (writes++, original.apply(tcp, args));
      }
      for (let i = 0; i < 100; i++) void sendQueued(sending as unknown as Parameters<typeof sendQueued>[0], `event ${i}`);
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual(Array.from({ length: 100 }, (_, i) => `event ${i}`));
      expect(writes).toBe(1);
    } finally {
      client.close();
      await new Promise((r) => server.close(r));
    }
  });
});
