import { describe, expect, it } from 'vitest';
import type { TariffVersion } from '$lib/api/metering-types';
import { toVersionInput, versionForm } from './version-form';

const tiered: TariffVersion = {
  id: 'v1',
  effectiveFrom: '2026-01-01T00:00:00Z',
  scheduled: false,
  type: 'TIERED',
  unitPrice: null,
  billingPeriod: 'YEAR',
  tiers: [
    { tier: 1, uptoUnits: 2760, unitPrice: '0.5283' },
    { tier: 2, uptoUnits: null, unitPrice: '0.5783' },
  ],
  touPrices: [],
  touSlots: [],
  holidays: ['2026-10-01'],
  officialUnitPrice: null,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('the version form', () => {
  it('sends a flat price as typed, and now when no time is given', () => {
    expect(toVersionInput({ ...versionForm(), unitPrice: ' 0.5283 ' }, false)).toEqual({ version: { type: 'FLAT', unitPrice: '0.5283' }, effectiveFrom: null });
  });

  it('starts from a version’s prices and sends its tiers, the last unbounded, and its holidays', () => {
    const form = { ...versionForm(tiered), effectiveFrom: '2030-01-01T00:00' };
    const outcome = toVersionInput(form, false);
    expect(outcome).toEqual({
      version: {
        type: 'TIERED',
        billingPeriod: 'YEAR',
        tiers: [
          { uptoUnits: 2760, unitPrice: '0.5283' },
          { uptoUnits: null, unitPrice: '0.5783' },
        ],
        holidays: ['2026-10-01'],
      },
      effectiveFrom: new Date('2030-01-01T00:00').toISOString(),
    });
  });

  it('sends the priced periods and the slots of a time-of-use version', () => {
    const form = versionForm();
    form.type = 'TOU';
    form.touPrices = { SHARP: '', PEAK: '1.0', FLAT: '0.6', VALLEY: '0.3' };
    const outcome = toVersionInput(form, false);
    expect(outcome).toMatchObject({ version: { type: 'TOU', touPrices: [{ period: 'PEAK', unitPrice: '1.0' }, { period: 'FLAT' }, { period: 'VALLEY' }] } });
    expect('version' in outcome && outcome.version.touSlots?.[0]).toEqual({ days: 'WEEKDAY', from: '00:00', period: 'VALLEY' });
  });

  it('says what to fix: a price that is none, a tier without its bound, a resale tariff without its official price', () => {
    const form = versionForm(tiered);
    form.tiers[0]!.upto = '';
    expect(toVersionInput(form, true)).toEqual({ problems: [{ field: 'tier', row: 0 }, { field: 'officialUnitPrice' }] });
    expect(toVersionInput({ ...versionForm(), unitPrice: '0.52834' }, false)).toEqual({ problems: [{ field: 'unitPrice' }] });
  });
});
