import { describe, expect, it } from 'vitest';
import { listKey, meterViewQuery, parseMeterView, toMeterFilter } from './meter-view';

const view = (query: string) => parseMeterView(new URLSearchParams(query));

describe('the meters view in the URL', () => {
  it('reads what it writes, and drops a kind or relay state the API does not have', () => {
    const v = view('tab=low&q=B1&site=s1&kind=GAS&low=1&protected=1&relay=OPEN&meter=m1');
    expect(v).toEqual({ tab: 'low', search: 'B1', site: 's1', kind: 'GAS', low: true, protected: true, relay: 'OPEN', selected: 'm1' });
    expect(meterViewQuery(v)).toBe('tab=low&q=B1&site=s1&kind=GAS&low=1&protected=1&relay=OPEN&meter=m1');
    expect(view('kind=WATER&relay=HALF&tab=other')).toMatchObject({ kind: null, relay: null, tab: 'all' });
    expect(meterViewQuery(view(''))).toBe('');
  });
});

describe('the filter', () => {
  it('passes every condition of the whole list, and none when nothing is chosen', () => {
    expect(toMeterFilter(view('q=%20B1%20&site=s1&kind=ELECTRICITY&low=1&protected=1&relay=OPEN'))).toEqual({
      search: 'B1',
      siteId: 's1',
      kind: 'ELECTRICITY',
      lowBalance: true,
      protected: true,
      relay: 'OPEN',
    });
    expect(toMeterFilter(view(''))).toBeNull();
  });

  it('lists every low meter of the site and kind on the low-balance tab, whatever else the URL holds', () => {
    expect(toMeterFilter(view('tab=low&site=s1&q=B1&relay=CLOSED&protected=1'))).toEqual({ siteId: 's1', lowBalance: true });
  });

  it('reads the list again only when its part of the view changes, not when a meter is opened', () => {
    expect(listKey(view('site=s1&meter=m1'))).toBe(listKey(view('site=s1')));
    expect(listKey(view('site=s1&tab=low'))).not.toBe(listKey(view('site=s1')));
  });
});
