import { describe, expect, it } from 'vitest';
import { parseSalesView, salesViewQuery, toSaleFilter } from './sales-view';

const view = (query: string) => parseSalesView(new URLSearchParams(query));

describe('the sales view in the URL', () => {
  it('reads what it writes', () => {
    const query = 'tab=reports&station=s1&pump=p1&card=9100000000000001&anomalous=1&day=2031-05-10&period=MONTH';
    expect(salesViewQuery(view(query))).toBe(query);
    expect(salesViewQuery(view(''))).toBe('');
  });

  it('falls back to the sales tab, today and a day, and drops a pump without its station and a day that is none', () => {
    expect(view('tab=nope&day=10/05/2031&period=YEAR&pump=p1')).toEqual({
      tab: 'sales',
      station: null,
      pump: null,
      card: null,
      anomalous: false,
      day: null,
      period: 'DAY',
    });
  });
});

describe('toSaleFilter', () => {
  it('filters by station, pump, the card found and anomalous only; nothing asked lists every sale', () => {
    expect(toSaleFilter(view('station=s1&pump=p1&card=9100&anomalous=1'), 'k1')).toEqual({ stationId: 's1', pumpId: 'p1', cardId: 'k1', anomalous: true });
    expect(toSaleFilter(view(''), null)).toBeNull();
  });
});
