import { describe, expect, it } from 'vitest';
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
});
