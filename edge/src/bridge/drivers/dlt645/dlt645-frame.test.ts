import { describe, expect, it } from 'vitest';
import { checksum, decodeFrame, encodeAddress, encodeFrame, frameEnd } from './dlt645-frame';
import { dataId, hundredths, readReplyData, readRequest, relayControlReply, relayOfStatusWord3, relayControlRequest, relayOperation } from './dlt645-data';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

// Frames written out by hand from the standard (the checksums summed on paper, modulo 256), for meter
// 123456789012: on the line A0…A5 = 12 90 78 56 34 12, every data byte +33H.
const readEnergy = 'FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16'; // read DI 00 01 00 00
const energyReply = '68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 16'; // 12345.67 kWh = 67 45 23 01
const readMoney = '68 12 90 78 56 34 12 68 11 04 33 35 C3 33 F9 16'; // read DI 00 90 02 00
const moneyReply = '68 12 90 78 56 34 12 68 91 08 33 35 C3 33 89 67 45 33 E5 16'; // 1234.56 yuan = 56 34 12 00
// 1CH trip: PA 02, password 123456 (P0 first), operator 12345678 (C0 first), N1 1A, N2 00, valid until
// 2026-11-21 08:30:00 = ss mm hh DD MM YY 00 30 08 21 11 26.
const trip = 'FE FE FE FE 68 12 90 78 56 34 12 68 1C 10 35 89 67 45 AB 89 67 45 4D 33 33 63 3B 54 44 59 3E 16';
const tripDone = '68 12 90 78 56 34 12 68 9C 00 22 16';
const tripRefused = '68 12 90 78 56 34 12 68 DC 01 37 9A 16'; // ERR 04H: wrong password
const readStatus3 = '68 12 90 78 56 34 12 68 11 04 36 38 33 37 73 16'; // read DI 04 00 05 03
const status3Open = '68 12 90 78 56 34 12 68 91 06 36 38 33 37 43 33 6B 16'; // 0010H: bit 4 set, relay 断
const status3Closed = '68 12 90 78 56 34 12 68 91 06 36 38 33 37 33 33 5B 16'; // 0000H
// Captured on a line and published (a meter at address 000000000161 answering 000000.26 kWh).
const capturedRead = 'FE FE FE FE 68 61 01 00 00 00 00 68 11 04 33 33 34 33 14 16';
const capturedReply = '68 61 01 00 00 00 00 68 91 08 33 33 34 33 59 33 33 33 8A 16';

const address = '123456789012';
const validUntil = { year: 2026, month: 11, day: 21, hour: 8, minute: 30, second: 0 };

describe('DL/T 645-2007 frames', () => {
  it('writes the address least significant byte first and sums the checksum modulo 256', () => {
    expect(encodeAddress(address)).toEqual(bytes('12 90 78 56 34 12'));
    expect(encodeAddress('AAAAAAAAAAAA')).toEqual(bytes('AA AA AA AA AA AA'));
    expect(checksum(bytes('68 12 90 78 56 34 12 68 11 04 33 33 34 33'))).toBe(0x68);
  });

  it('encodes a read of forward active energy with the wake-up preamble and +33H', () => {
    expect(encodeFrame(readRequest(address, dataId.forwardActiveEnergy))).toEqual(bytes(readEnergy));
    expect(encodeFrame(readRequest(address, dataId.remainingMoney), { preamble: false })).toEqual(bytes(readMoney));
    expect(encodeFrame(readRequest('000000000161', dataId.forwardActiveEnergy))).toEqual(bytes(capturedRead));
  });

  it('decodes the energy and remaining money a meter answers', () => {
    const energy = decodeFrame(bytes(energyReply));
    expect(energy).toEqual({ ok: true, frame: { address, control: 0x91, data: bytes('00 00 01 00 67 45 23 01') } });
    const data = readReplyData(energy.ok ? energy.frame : fail(), dataId.forwardActiveEnergy);
    expect(data.ok && hundredths(data.data)).toEqual({ ok: true, value: 1_234_567 });
    const money = decodeFrame(bytes(moneyReply));
    const moneyData = readReplyData(money.ok ? money.frame : fail(), dataId.remainingMoney);
    expect(moneyData.ok && hundredths(moneyData.data)).toEqual({ ok: true, value: 123_456 });
    const captured = decodeFrame(bytes(capturedReply));
    const capturedData = readReplyData(captured.ok ? captured.frame : fail(), dataId.forwardActiveEnergy);
    expect(capturedData.ok && hundredths(capturedData.data)).toEqual({ ok: true, value: 26 });
  });

  it('builds relay control 1CH with password, operator, operation and deadline, and reads both answers', () => {
    const frame = relayControlRequest(address, { passwordLevel: 2, password: '123456', operator: '12345678', operation: relayOperation.trip, validUntil });
    expect(encodeFrame(frame)).toEqual(bytes(trip));
    const done = decodeFrame(bytes(tripDone));
    expect(done.ok && relayControlReply(done.frame)).toEqual({ ok: true });
    const refused = decodeFrame(bytes(tripRefused));
    expect(refused.ok && relayControlReply(refused.frame)).toMatchObject({
      ok: false,
      reason: 'refused',
      err: 0x04,
      detail: expect.stringContaining('password'),
    });
  });

  it('reads the relay from bit 4 of status word 3', () => {
    expect(encodeFrame(readRequest(address, dataId.statusWord3), { preamble: false })).toEqual(bytes(readStatus3));
    const relay = (hex: string) => {
      const decoded = decodeFrame(bytes(hex));
      const data = readReplyData(decoded.ok ? decoded.frame : fail(), dataId.statusWord3);
      return data.ok ? relayOfStatusWord3(data.data) : data;
    };
    expect(relay(status3Open)).toEqual({ ok: true, relay: 'OPEN' });
    expect(relay(status3Closed)).toEqual({ ok: true, relay: 'CLOSED' });
  });

  it('skips the preamble and line noise before the first 68H', () => {
    const noisy = Buffer.concat([bytes('00 FF 68 01 FE FE FE FE'), bytes(energyReply)]);
    expect(frameEnd(noisy)).toBe(noisy.length);
    expect(decodeFrame(noisy)).toMatchObject({ ok: true, frame: { address, control: 0x91 } });
  });

  it('waits for the bytes L announces: a frame split across reads is whole only at its last byte', () => {
    const whole = bytes(`FE FE ${energyReply}`);
    for (const cut of [1, 6, 11, 12, whole.length - 1]) expect(frameEnd(whole.subarray(0, cut))).toBeUndefined();
    expect(frameEnd(whole)).toBe(whole.length);
    expect(frameEnd(Buffer.concat([whole, bytes(tripDone)]))).toBe(whole.length);
  });

  it('refuses a frame whose checksum, end byte or length is wrong, saying which', () => {
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 89 16'))).toMatchObject({ ok: false, reason: 'checksum' });
    // A data byte changed by noise: the sum no longer matches.
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 08 33 33 34 33 9B 78 56 34 88 16'))).toMatchObject({ ok: false, reason: 'checksum' });
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 17'))).toMatchObject({ ok: false, reason: 'end' });
    // L = 09 over 8 data bytes, L = 07 over 8, L = C9 (above 200).
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 09 33 33 34 33 9A 78 56 34 89 16'))).toMatchObject({ ok: false, reason: 'length' });
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 07 33 33 34 33 9A 78 56 34 87 16'))).toMatchObject({ ok: false, reason: 'length' });
    expect(decodeFrame(bytes('68 12 90 78 56 34 12 68 91 C9'))).toMatchObject({ ok: false, reason: 'length' });
    expect(frameEnd(bytes('68 12 90 78 56 34 12 68 91 C9'))).toBe(10);
    expect(decodeFrame(bytes('FE FE FE FE'))).toMatchObject({ ok: false, reason: 'framing' });
  });

  it('refuses an answer to another question or with digits that are not BCD', () => {
    const money = decodeFrame(bytes(moneyReply));
    expect(readReplyData(money.ok ? money.frame : fail(), dataId.forwardActiveEnergy)).toMatchObject({ ok: false, reason: 'unexpected-answer' });
    expect(hundredths(bytes('6A 45 23 01'))).toMatchObject({ ok: false, reason: 'malformed' });
    // D1H: the meter's abnormal answer to a read, ERR 02H (no such data).
    const noData = decodeFrame(bytes('68 12 90 78 56 34 12 68 D1 01 35 8D 16'));
    expect(readReplyData(noData.ok ? noData.frame : fail(), dataId.remainingMoney)).toMatchObject({ ok: false, reason: 'refused', err: 0x02 });
  });
});

function fail(): never {
  throw new Error('the frame did not decode');
}
