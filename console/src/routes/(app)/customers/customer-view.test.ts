import { describe, expect, it } from 'vitest';
import { customerViewQuery, listKey, parseCustomerView, toCustomerFilter } from './customer-view';

const view = (query: string) => parseCustomerView(new URLSearchParams(query));

describe('the customers view in the URL', () => {
  it('reads the search, the filters and the open customer, and writes them back', () => {
    const read = view('q=%E9%BB%84&type=COMMERCIAL&status=ACTIVE&customer=c-1');
    expect(read).toEqual({ search: '黄', type: 'COMMERCIAL', status: 'ACTIVE', selected: 'c-1' });
    expect(view(customerViewQuery(read))).toEqual(read);
  });

  it('drops values it does not know and lists everyone without a filter', () => {
    expect(view('type=PLANET&status=&q=%20%20')).toEqual({ search: '', type: null, status: null, selected: null });
    expect(customerViewQuery(view(''))).toBe('');
    expect(toCustomerFilter(view('customer=c-1'))).toBeNull();
  });

  it('asks the API for the search and the filters, not for the open customer', () => {
    expect(toCustomerFilter(view('q=0003&type=RESIDENTIAL'))).toEqual({ search: '0003', type: 'RESIDENTIAL' });
    expect(listKey(view('q=0003&customer=a'))).toBe(listKey(view('q=0003&customer=b')));
  });
});
