import { describe, expect, it } from 'vitest';
import { PubackQueue, type AckTarget } from './puback-queue';

function connection(): AckTarget & { acked: number[]; writes: number; closedBy?: 'us'; reading: boolean } {
  const c = {
    acked: [] as number[],
    writes: 0,
    reading: true,
    pause() {
      c.reading = false;
    },
    resume() {
      c.reading = true;
    },
    closedBy: undefined as 'us' | undefined,
    get closed() {
      return c.closedBy !== undefined;
    },
    write(bytes: Buffer) {
      c.writes++;
      for (let at = 0; at < bytes.length; at += 4) {
        expect([bytes[at], bytes[at + 1]]).toEqual([0x40, 0x02]);
        c.acked.push(bytes.readUInt16BE(at + 2));
      }
    },
    close() {
      c.closedBy = 'us';
    },
  };
  return c;
}

const written = () => new Promise((r) => process.nextTick(r));
const roomy = { maxUnackedPublishes: 1000, maxUnackedBytes: 1 << 20 };

describe('PubackQueue', () => {
  it('acknowledges in the order the publishes arrived, whatever order they are stored in [MQTT-4.6.0-2], in one write', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, roomy);
    const first = acks.take(1, 10);
    const second = acks.take(2, 10);
    const third = acks.take(3, 10);
    third();
    second();
    await written();
    expect(conn.acked).toEqual([]);
    first();
    await written();
    expect(conn.acked).toEqual([1, 2, 3]);
    expect(conn.writes).toBe(1);
    expect(acks.unacked).toBe(0);

    // A batch stored together settles its messages one after another: still one write.
    const batch = [acks.take(4, 10), acks.take(5, 10), acks.take(6, 10)];
    for (const settle of batch) settle();
    await written();
    expect(conn.acked).toEqual([1, 2, 3, 4, 5, 6]);
    expect(conn.writes).toBe(2);
  });

  it('acknowledges nothing before its message is stored', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, roomy);
    const first = acks.take(7, 10);
    acks.take(8, 10);
    first();
    await written();
    expect(conn.acked).toEqual([7]);
    expect(acks.unacked).toBe(1);
  });

  it('keeps the connection reading while there is room, and pauses it while the publishes or their bytes exceed the limit', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, { maxUnackedPublishes: 2, maxUnackedBytes: 100 });
    const settle = [acks.take(1, 10), acks.take(2, 10)];
    expect(conn.reading).toBe(true);
    settle.push(acks.take(3, 10));
    expect(conn.reading).toBe(false);
    settle[0]!();
    expect(conn.reading).toBe(true);

    const heavy = acks.take(4, 200);
    expect(conn.reading).toBe(false);
    settle[1]!();
    settle[2]!();
    expect(conn.reading).toBe(false);
    heavy();
    expect(conn.reading).toBe(true);
    await written();
    expect(conn.acked).toEqual([1, 2, 3, 4]);
  });

  it('closes the connection on a failed store and acknowledges nothing after it (the client retransmits)', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, roomy);
    const first = acks.take(1, 10);
    const second = acks.take(2, 10);
    second(new Error('disk full'));
    expect(conn.closedBy).toBe('us');
    first();
    await written();
    expect(conn.acked).toEqual([]);
  });

  it('writes nothing to a connection that is gone', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, roomy);
    const first = acks.take(1, 10);
    conn.close();
    first();
    await written();
    expect(conn.writes).toBe(0);
    expect(acks.unacked).toBe(0);
  });

  it('stays short over a long run', async () => {
    const conn = connection();
    const acks = new PubackQueue(conn, roomy);
    for (let id = 1; id <= 10_000; id++) {
      acks.take(id, 1)();
      if (id % 10 === 0) await written();
    }
    await written();
    expect(conn.acked).toHaveLength(10_000);
    expect((acks as unknown as { slots: unknown[] }).slots.length).toBeLessThan(128);
  });
});
