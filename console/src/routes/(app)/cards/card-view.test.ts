import { describe, expect, it } from 'vitest';
import { cardNumberPrefix, cardViewQuery, holderSearch, parseCardView, toCardFilter } from './card-view';

const view = (query: string) => parseCardView(new URLSearchParams(query));

describe('the cards view in the URL', () => {
  it('reads what it writes, and drops a status the API does not have', () => {
    const v = view('q=9100&status=LOST&holder=c1&card=k1');
    expect(v).toEqual({ search: '9100', status: 'LOST', holder: 'c1', selected: 'k1' });
    expect(cardViewQuery(v)).toBe('q=9100&status=LOST&holder=c1&card=k1');
    expect(view('status=GONE').status).toBeNull();
    expect(cardViewQuery(view(''))).toBe('');
  });
});

describe('the search', () => {
  it('takes digits (printed in groups or not) as a card number prefix', () => {
    expect(cardNumberPrefix('9100 0000')).toBe('91000000');
    expect(cardNumberPrefix('黄')).toBeNull();
    expect(toCardFilter(view('q=9100%200001&status=ACTIVE'))).toEqual({ cardNumberPrefix: '91000001', status: 'ACTIVE' });
  });

  it('takes other text as a holder to find, and lists the cards of the holder chosen', () => {
    expect(holderSearch(view('q=黄杰'))).toBe('黄杰');
    expect(toCardFilter(view('q=黄杰'))).toBeNull();
    expect(toCardFilter(view('q=黄杰&holder=c1'))).toEqual({ customerId: 'c1' });
    expect(holderSearch(view('q=9100'))).toBeNull();
  });
});
