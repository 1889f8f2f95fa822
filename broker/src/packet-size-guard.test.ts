import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardPacketSize, type PacketCheck, type PacketRefusal } from './packet-size-guard';

/** A stream read the way Aedes reads it: paused mode, `read()` on 'readable'. */
function watched(maxPacketBytes: number, options: { maxBytesBeforeAuth?: number; authenticated?: boolean; check?: PacketCheck } = {}) {
  const stream = new PassThrough();
  const read: Buffer[] = [];
  stream.on('readable', () => {
    let chunk: Buffer | null;
    while ((chunk = stream.read() as Buffer | null) !== null) read.push(chunk);
  });
  const refused: PacketRefusal[] = [];
  const limits = { maxPacketBytes, maxBytesBeforeAuth: options.maxBytesBeforeAuth ?? Infinity, authenticated: () => options.authenticated ?? true };
  guardPacketSize(stream, limits, (r) => refused.push(r), options.check);
  const feed = async (...chunks: number[][]) => {
    for (const c of chunks) {
      stream.write(Buffer.from(c));
      await new Promise((r) => setImmediate(r));
    }
  };
  return { feed, refused, read };
}

describe('guardPacketSize', () => {
  it('lets packets within the limit through, whatever the chunking', async () => {
    const { feed, refused, read } = watched(200);
    // PINGREQ (no body), then a PUBLISH of 130 bytes whose length (0x82 0x01) is split across chunks.
    await feed([0xc0, 0x00, 0x30, 0x82], [0x01, ...new Array(100).fill(0)], new Array(30).fill(0), [0xc0, 0x00]);
    expect(refused).toEqual([]);
    expect(Buffer.concat(read).length).toBe(4 + 1 + 100 + 30 + 2);
  });

  it('refuses a packet that announces more than the limit as soon as its length is read', async () => {
    const { feed, refused } = watched(1000);
    await feed([0xc0, 0x00], [0x30, 0xe9], [0x07]); // length bytes 0xe9 0x07: 105 + 7 × 128 = 1001
    expect(refused).toEqual([{ reason: 'MQTT_PAYLOAD_TOO_LARGE', detail: expect.stringContaining('1001 bytes') }]);
  });

  it('refuses a large CONNECT before authentication, though within the packet limit, before its body arrives', async () => {
    const { feed, refused } = watched(1 << 20, { maxBytesBeforeAuth: 4096, authenticated: false });
    await feed([0x10, 0x80, 0x40]); // CONNECT announcing 8192 bytes
    expect(refused).toEqual([{ reason: 'MQTT_PRE_AUTH_LIMIT', detail: expect.stringContaining('CONNECT before CONNACK') }]);
  });

  it('counts every packet sent before authentication against the one allowance', async () => {
    const { feed, refused } = watched(1 << 20, { maxBytesBeforeAuth: 300, authenticated: false });
    await feed([0x10, 100, ...new Array(100).fill(0)], [0x30, 100, ...new Array(100).fill(0)]);
    expect(refused).toEqual([]);
    await feed([0x30, 100]);
    expect(refused.map((r) => r.reason)).toEqual(['MQTT_PRE_AUTH_LIMIT']);
  });

  it('passes each packet type to the check, and refuses what it refuses', async () => {
    const types: number[] = [];
    const check: PacketCheck = (type) => (types.push(type), type === 8 ? { reason: 'MQTT_SUBSCRIBE_RATE_LIMITED', detail: 'too fast' } : undefined);
    const { feed, refused } = watched(1000, { check });
    await feed([0xc0, 0x00, 0x82, 0x01, 0x00]);
    expect(types).toEqual([12, 8]);
    expect(refused).toEqual([{ reason: 'MQTT_SUBSCRIBE_RATE_LIMITED', detail: 'too fast' }]);
  });

  it('does not change how the stream flows', async () => {
    const { feed, read } = watched(10);
    await feed([0xc0, 0x00]);
    expect(Buffer.concat(read)).toEqual(Buffer.from([0xc0, 0x00]));
  });
});
