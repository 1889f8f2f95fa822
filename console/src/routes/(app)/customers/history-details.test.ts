import { describe, expect, it } from 'vitest';
import { historyDetails } from './history-details';

describe('historyDetails', () => {
  it('reads a change as before → after, field by field', () => {
    const details = JSON.stringify({
      before: { blacklistReason: null, blacklistedAt: null },
      after: { blacklistReason: 'Unpaid', blacklistedAt: '2026-01-02T03:04:05Z' },
    });
    expect(historyDetails(details)).toEqual([
      { field: 'blacklistReason', before: '—', after: 'Unpaid' },
      { field: 'blacklistedAt', before: '—', after: '2026-01-02T03:04:05Z' },
    ]);
  });

  it('flattens groups and lists', () => {
    const details = JSON.stringify({ before: { limits: { daily: 1 } }, after: { limits: { daily: 2 } } });
    expect(historyDetails(details)).toEqual([{ field: 'limits.daily', before: '1', after: '2' }]);
    expect(historyDetails('{"customerIds":["a","b"]}')).toEqual([{ field: 'customerIds', value: 'a, b' }]);
  });

  it('lists what a new record holds, leaving out what it does not', () => {
    expect(historyDetails('{"name":"黄伟","insurer":null,"phones":"138****0000"}')).toEqual([
      { field: 'name', value: '黄伟' },
      { field: 'phones', value: '138****0000' },
    ]);
  });

  it('shows text that is not JSON as it is, and nothing for nothing', () => {
    expect(historyDetails('by hand')).toEqual([{ field: '', value: 'by hand' }]);
    expect(historyDetails('{}')).toEqual([]);
    expect(historyDetails('null')).toEqual([]);
  });
});
