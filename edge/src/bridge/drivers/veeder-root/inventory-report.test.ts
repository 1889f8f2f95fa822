import { describe, expect, it } from 'vitest';
import { parseInventoryReport } from './inventory-report';
import { checksumOf, frameOf } from './tls-frame';

// Golden frames built outside this code base (a few lines of Python: struct.pack('>f') and the
// two's-complement sum of 576013-635 §6.1), so a shared mistake cannot cancel out in the test.
const twoTanks =
  '\x01i20100261121080001100000745A6880045A9299A4591F0004243E1483F0000004273333300000000' +
  '022000107449610004494C00046097E0041A2000000000000C080000000000000&&E246\x03';
/** Older software: six fields per tank (no water volume). */
const sixFields = '\x01i20101261121080001100000645A6880045A9299A4591F0004243E1483F00000042733333&&F0A4\x03';
/** Declares seven fields but carries six; the checksum is right, so only the count can tell. */
const sevenDeclaredSixSent = '\x01i20101261121080001100000745A6880045A9299A4591F0004243E1483F00000042733333&&F0A3\x03';

describe('TLS i201 inventory report', () => {
  it('parses every tank of a good frame', () => {
    const result = parseInventoryReport(twoTanks, 0);
    expect(result).toEqual({
      ok: true,
      report: {
        consoleTime: '2611210800',
        tanks: [
          {
            tank: 1,
            productCode: '1',
            status: 0,
            volume: 5329,
            tcVolume: expect.closeTo(5413.2, 3),
            ullage: 4670,
            height: expect.closeTo(48.97, 5),
            water: 0.5,
            temperature: expect.closeTo(60.8, 5),
            waterVolume: 0,
          },
          { tank: 2, productCode: '2', status: 1, volume: 1200.5, tcVolume: 1190, ullage: 8799.5, height: 20.25, water: 0, temperature: -4, waterVolume: 0 },
        ],
      },
    });
  });

  it('accepts six fields (software without water volume)', () => {
    const result = parseInventoryReport(sixFields, 1);
    expect(result.ok && result.report.tanks[0]).toMatchObject({ tank: 1, height: expect.closeTo(48.97, 5) });
    expect(result.ok && result.report.tanks[0]).not.toHaveProperty('waterVolume');
  });

  it('refuses a frame whose checksum does not match, saying both values', () => {
    const flipped = twoTanks.replace('45A68800', '45A68801');
    expect(parseInventoryReport(flipped, 0)).toEqual({ ok: false, reason: 'checksum', detail: 'checksum E246 does not match the characters (expected E245)' });
  });

  it('refuses a frame cut off before its end as truncated', () => {
    expect(parseInventoryReport(twoTanks.slice(0, 60), 0)).toMatchObject({
      ok: false,
      reason: 'truncated',
      detail: 'no ETX after 60 characters: the answer was cut off',
    });
    // ETX arrived but the checksum trailer did not.
    expect(parseInventoryReport(twoTanks.slice(0, 60) + '\x03', 0)).toMatchObject({
      ok: false,
      reason: 'truncated',
      detail: 'no "&&" checksum trailer before ETX',
    });
  });

  it('refuses a tank whose declared field count does not match the fields sent', () => {
    expect(parseInventoryReport(sevenDeclaredSixSent, 1)).toEqual({ ok: false, reason: 'field-count', detail: 'tank 1 declares 7 fields but 6 follow' });
    const tooFew = frameOf('i20101261121080001100000545A6880045A9299A4591F0004243E1483F000000');
    expect(parseInventoryReport(tooFew, 1)).toMatchObject({ reason: 'field-count', detail: 'tank 1 has 5 fields; height, water and temperature need 6' });
  });

  it('refuses an answer to another command, a console error and bytes before SOH', () => {
    expect(parseInventoryReport(twoTanks, 2)).toMatchObject({ reason: 'echo-mismatch', detail: 'answer to "i20100", not to "i20102"' });
    expect(parseInventoryReport('\x019999FF1B\x03', 0)).toMatchObject({ reason: 'console-error' });
    expect(parseInventoryReport('\x00' + twoTanks, 0)).toMatchObject({ reason: 'framing' });
  });

  it('computes the checksum so that characters plus checksum sum to zero', () => {
    const head = twoTanks.slice(0, twoTanks.indexOf('&&') + 2);
    expect(checksumOf(head)).toBe(0xe246);
    expect(frameOf(head.slice(1, -2))).toBe(twoTanks);
  });
});
