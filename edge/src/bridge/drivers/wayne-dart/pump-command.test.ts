import { describe, expect, it } from 'vitest';
import { pumpCommandSchema, pumpPrices } from './pump-command';

const pump = { nozzles: { '1': '92', '2': '95', '4': 'diesel' }, decimals: { volume: 2, amount: 2, price: 2 } };

describe('pump commands', () => {
  it('reads the three commands of the contract', () => {
    expect(pumpCommandSchema.parse({ id: 'c-1', action: 'AUTHORIZE', limitMinor: 20000, reason: null })).toMatchObject({ action: 'AUTHORIZE' });
    expect(pumpCommandSchema.parse({ id: 'c-2', action: 'REFUSE', limitMinor: 0, reason: 'card blocked' })).toMatchObject({ action: 'REFUSE' });
    expect(pumpCommandSchema.safeParse({ id: 'c-3', action: 'AUTHORIZE', limitMinor: 0, reason: null }).success).toBe(false);
  });

  it('lists a price for every logical nozzle, from the grades given and those sent before', () => {
    const prices = pumpPrices(
      pump,
      [
        { grade: '92', unitPriceMinor: 768 },
        { grade: 'LPG', unitPriceMinor: 500 },
      ],
      { '95': 821, diesel: 745 },
    );
    expect(prices).toEqual({ ok: true, pricePerNozzle: [768, 821, 0, 745], byGrade: { '92': 768 } });
  });

  it('refuses prices that leave a nozzle without one, or that the pump cannot show', () => {
    expect(pumpPrices(pump, [{ grade: '92', unitPriceMinor: 768 }], {})).toMatchObject({ ok: false, reason: expect.stringContaining('grade 95 (nozzle 2)') });
    const noDecimals = { ...pump, decimals: { volume: 2, amount: 2, price: 0 } };
    expect(pumpPrices(noDecimals, [{ grade: '92', unitPriceMinor: 768 }], { '95': 800, diesel: 700 })).toMatchObject({ ok: false });
  });
});
