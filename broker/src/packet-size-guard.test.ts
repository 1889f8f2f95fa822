import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardPacketSize } from './packet-size-guard';

/** A stream read the way Aedes reads it: paused mode, `read()` on 'readable'. */
function watched(maxBytes: number) {
  const stream = new PassThrough();
  const read: Buffer[] = [];
  stream.on('readable', () => {
    let chunk: Buffer | null;
    while ((chunk = stream.read() as Buffer | null) !== null) read.push(chunk);
  });
  const oversize: number[] = [];
  guardPacketSize(stream, maxBytes, (n) => oversize.push(n));
  const feed = async (...chunks: number[][]) => {
    for (const c of chunks) {
      stream.write(Buffer.from(c));
      await new Promise((r) => setImmediate(r));
    }
  };
  return { feed, oversize, read };
}

describe('guardPacketSize', () => {
  it('lets packets within the limit through, whatever the chunking', async () => {
    const { feed, oversize, read } = watched(200);
    // PINGREQ (no body), then a PUBLISH of 130 bytes whose length (0x82 0x01) is split across chunks.
    await feed([0xc0, 0x00, 0x30, 0x82], [0x01, ...new Array(100).fill(0)], new Array(30).fill(0), [0xc0, 0x00]);
    expect(oversize).toEqual([]);
    expect(Buffer.concat(read).length).toBe(4 + 1 + 100 + 30 + 2);
  });

  it('reports a packet that announces more than the limit as soon as its length is read', async () => {
    const { feed, oversize } = watched(1000);
    await feed([0xc0, 0x00], [0x30, 0xe9], [0x07]); // length bytes 0xe9 0x07: 105 + 7 × 128 = 1001
    expect(oversize).toEqual([1001]);
  });

  it('does not change how the stream flows', async () => {
    const { feed, read } = watched(10);
    await feed([0xc0, 0x00]);
    expect(Buffer.concat(read)).toEqual(Buffer.from([0xc0, 0x00]));
  });
});
