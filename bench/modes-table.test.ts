import { describe, expect, it } from 'vitest';
import { pairModes } from './modes-table';

describe('pairModes', () => {
  it('sets each server row beside the embedded row of the same measure, continuation rows by their place', () => {
    const embedded = [
      { measure: 'single tank: our gateway vs peers (req/s)', value: '294', reference: 'Apollo 190', ratio: '1.55×' },
      { measure: '', value: '', reference: 'Hive 85', ratio: '3.46×' },
      { measure: 'msg/s', value: '14,025', reference: '73,232 (bare Aedes)', ratio: '0.19×' },
    ];
    const server = [
      { measure: 'msg/s', value: '20,000', reference: '70,000 (bare Aedes)', ratio: '0.29×' },
      { measure: 'single tank: our gateway vs peers (req/s)', value: '200', reference: 'Apollo 174', ratio: '1.15×' },
      { measure: '', value: '', reference: 'Hive 139', ratio: '1.44×' },
    ];
    expect(pairModes(embedded, server)).toEqual([
      ['msg/s', '14,025', '73,232 (bare Aedes)', '0.19×', '20,000', '70,000 (bare Aedes)', '0.29×'],
      ['single tank: our gateway vs peers (req/s)', '294', 'Apollo 190', '1.55×', '200', 'Apollo 174', '1.15×'],
      ['', '', 'Hive 85', '3.46×', '', 'Hive 139', '1.44×'],
    ]);
  });

  it('keeps measures only one run has, the other side empty', () => {
    const rows = pairModes([{ measure: 'old', value: '1' }], [{ measure: 'new', value: '2' }]);
    expect(rows).toEqual([
      ['new', '', '', '', '2', '', ''],
      ['old', '1', '', '', '', '', ''],
    ]);
  });
});
