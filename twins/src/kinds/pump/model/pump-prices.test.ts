import { describe, expect, it } from 'vitest';
import type { PriceEntry } from '@hearth/platform/domain';
import { pumpCommandFields } from './pump-decisions';
import { pricesAsked, pricesFor } from './pump-prices';
import { emptyPumpTwin } from './pump-twin';

const STATION = 'station-a';
const at = (iso: string) => new Date(iso);
const entry = (gradeCode: string, unitPriceMinor: number, effectiveAt: string, stationId: string | null = null): PriceEntry => ({
  gradeCode,
  stationId,
  unitPriceMinor,
  effectiveAt: at(effectiveAt),
});

describe('the prices a pump is sent', () => {
  const entries = [
    entry('92#', 750, '2026-11-20T16:00:00Z'),
    entry('92#', 760, '2026-11-20T16:00:00Z', STATION),
    entry('95#', 800, '2026-11-20T16:00:00Z'),
    entry('95#', 820, '2026-11-21T16:00:00Z'),
    entry('0#', 700, '2026-11-20T16:00:00Z', 'station-b'),
  ];

  it('carries every grade of its nozzles at the price in effect: the station’s own beats the company’s of the same instant', () => {
    expect(pricesFor(entries, ['95#', '92#', '92#'], STATION, at('2026-11-21T08:00:00Z'))).toEqual([
      { grade: '92#', unitPriceMinor: 760 },
      { grade: '95#', unitPriceMinor: 800 },
    ]);
  });

  it('takes a change from its very instant, and leaves out a grade with no price in effect here', () => {
    expect(pricesFor(entries, ['95#', '0#'], STATION, at('2026-11-21T16:00:00Z'))).toEqual([{ grade: '95#', unitPriceMinor: 820 }]);
  });

  it('shows each grade’s price asked on the twin with its command, keeping grades the command did not carry', () => {
    const first = pricesAsked(
      emptyPumpTwin('p', 't'),
      {
        action: 'SET_PRICES',
        prices: [
          { grade: '92#', unitPriceMinor: 750 },
          { grade: '95#', unitPriceMinor: 800 },
        ],
        priceIds: ['x'],
      },
      'c1',
      at('2026-11-21T00:00:00Z'),
    );
    const second = pricesAsked(
      first,
      { action: 'SET_PRICES', prices: [{ grade: '92#', unitPriceMinor: 760 }], priceIds: ['y'] },
      'c2',
      at('2026-11-22T00:00:00Z'),
    );
    expect(second.prices).toEqual({
      '92#': { unitPriceMinor: 760, commandId: 'c2', askedAt: at('2026-11-22T00:00:00Z') },
      '95#': { unitPriceMinor: 800, commandId: 'c1', askedAt: at('2026-11-21T00:00:00Z') },
    });
    expect(second.version).toBe(2);
  });

  it('goes to the pump as SET_PRICES with grade and unit price only', () => {
    expect(pumpCommandFields({ action: 'SET_PRICES', prices: [{ grade: '92#', unitPriceMinor: 750 }], priceIds: ['x'] })).toEqual({
      action: 'SET_PRICES',
      prices: [{ grade: '92#', unitPriceMinor: 750 }],
    });
  });
});
