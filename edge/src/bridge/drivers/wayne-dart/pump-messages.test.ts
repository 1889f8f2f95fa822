import { describe, expect, it } from 'vitest';
import { parsePumpBlock } from './pump-messages';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe("a pump's block", () => {
  it('reads status, nozzle and price as captured from a Wayne pump', () => {
    // DC1 AUTHORIZED; DC3 price 002180, NOZIO 11H = nozzle 1 out.
    expect(parsePumpBlock(bytes('01 01 02 03 04 00 21 80 11'))).toEqual({
      ok: true,
      messages: [
        { kind: 'status', status: 2 },
        { kind: 'nozzle', price: 2180, nozzle: 1, out: true },
      ],
    });
  });

  it('reads filled volume and amount, totals and the card terminal, and skips what it does not know', () => {
    const block = bytes(
      '02 08 00 00 13 00 00 00 09 98' +
        '65 10 01 00 01 23 46 30 00 01 23 46 30 00 00 00 00 00' +
        '64 10' +
        Buffer.from('8800123412341234').toString('hex') +
        '66 02 00 00',
    );
    expect(parsePumpBlock(block)).toEqual({
      ok: true,
      messages: [
        { kind: 'filled', volume: 1300, amount: 998 },
        { kind: 'totals', counter: 1, volume: 1_234_630 },
        { kind: 'card', cardNumber: '8800123412341234' },
        { kind: 'other', trans: 0x66 },
      ],
    });
  });

  it('refuses lengths that do not add up and numbers that are not BCD', () => {
    expect(parsePumpBlock(bytes('01 02 05'))).toMatchObject({ ok: false });
    expect(parsePumpBlock(bytes('02 08 00 00 1A 00 00 00 09 98'))).toMatchObject({ ok: false, detail: expect.stringContaining('DC2') });
  });
});
