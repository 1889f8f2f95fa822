import { describe, expect, it } from 'vitest';
import { crc16, decodeFrame, encodeFrame, frameEnd } from './dart-frame';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

// Blocks written out by hand from the description (dart-frame.ts); the first two were captured on
// the line between a site controller and a Wayne pump (pump 1 = 50H) and published with their CRC.
const authorizeFromController = '50 37 01 01 06 1E 2A 03 FA'; // DATA TX#7: CD1 AUTHORIZE
const statusFromPump = '50 36 01 01 02 03 04 00 21 80 11 0E 48 03 FA'; // DATA TX#6: DC1 AUTHORIZED, DC3 price 002180 nozzle 1 out
// CRCs worked out apart from this code; each contains FAH, so a DLE goes before it on the line.
const crcHighIsSf = '50 38 01 01 08 9C 10 FA 03 FA'; // DC1 SUSPENDED, CRC 0xFA9C
const crcLowIsSf = '5B 30 01 01 05 10 FA 9E 03 FA'; // DC1 FILLING COMPLETED, CRC 0x9EFA

describe('DART frames', () => {
  it('computes the CRC the pump sends, low byte first', () => {
    expect(crc16(bytes('50 37 01 01 06'))).toBe(0x2a1e);
    // The CRC over a block and its own CRC is 0: how a receiver may check it.
    expect(crc16(bytes('50 36 01 01 02 03 04 00 21 80 11 0E 48'))).toBe(0);
  });

  it('builds the blocks captured on the line', () => {
    expect(encodeFrame({ type: 'data', address: 0x50, tx: 7, data: bytes('01 01 06') })).toEqual(bytes(authorizeFromController));
    expect(encodeFrame({ type: 'data', address: 0x50, tx: 6, data: bytes('01 01 02 03 04 00 21 80 11') })).toEqual(bytes(statusFromPump));
  });

  it('decodes a DATA block into address, TX# and the transactions', () => {
    expect(decodeFrame(bytes(statusFromPump))).toEqual({ ok: true, frame: { type: 'data', address: 0x50, tx: 6, data: bytes('01 01 02 03 04 00 21 80 11') } });
  });

  it('escapes an SF inside a block with DLE, and reads it back', () => {
    expect(encodeFrame({ type: 'data', address: 0x50, tx: 8, data: bytes('01 01 08') })).toEqual(bytes(crcHighIsSf));
    expect(encodeFrame({ type: 'data', address: 0x5b, tx: 0, data: bytes('01 01 05') })).toEqual(bytes(crcLowIsSf));
    expect(decodeFrame(bytes(crcLowIsSf))).toMatchObject({ ok: true, frame: { address: 0x5b, data: bytes('01 01 05') } });
  });

  it('finds where a block ends, past an escaped SF', () => {
    const stream = Buffer.concat([bytes(crcHighIsSf), bytes('50 20 FA')]);
    expect(frameEnd(stream)).toBe(10);
    expect(frameEnd(bytes('50 38 01 01 08 9C 10 FA'))).toBeUndefined();
  });

  it('writes and reads the short blocks without CRC', () => {
    expect(encodeFrame({ type: 'poll', address: 0x51, tx: 0 })).toEqual(bytes('51 20 FA'));
    expect(encodeFrame({ type: 'ack', address: 0x50, tx: 6 })).toEqual(bytes('50 C6 FA'));
    expect(encodeFrame({ type: 'nak', address: 0x50, tx: 6 })).toEqual(bytes('50 56 FA'));
    expect(decodeFrame(bytes('50 73 FA'))).toEqual({ ok: true, frame: { type: 'eot', address: 0x50, tx: 3 } });
  });

  it('refuses a block whose CRC does not match, and one it cannot read', () => {
    expect(decodeFrame(bytes('50 37 01 01 07 1E 2A 03 FA'))).toMatchObject({ ok: false, reason: 'crc', address: 0x50 });
    expect(decodeFrame(bytes('50 37 01 01 06 1E 2A FA'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(decodeFrame(bytes('50 90 FA'))).toMatchObject({ ok: false, reason: 'malformed', detail: 'unknown CTRL 90H' });
    expect(decodeFrame(bytes('FA'))).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
