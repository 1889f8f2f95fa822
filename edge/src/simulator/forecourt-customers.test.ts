import { describe, expect, it } from 'vitest';
import { OfflineCardList } from './forecourt-card-list';
import { CustomerMix } from './forecourt-customers';

const cards = [
  { cardNumber: '9100000000000001', kind: 'SUB' },
  { cardNumber: '9100000000000002', kind: 'NAMED' },
];

describe('the customers at a station', () => {
  it('brings a number no card has every so often, and keeps a refused card away for a while', () => {
    let r = 0;
    const mix = new CustomerMix(cards, { unknownCardEvery: 4, benchMs: 60_000 }, () => (r = (r + 0.37) % 1));
    const numbers = Array.from({ length: 8 }, () => mix.next([1, 2], 0).cardNumber);
    expect(numbers.filter((n) => !n.startsWith('9100'))).toHaveLength(2);
    mix.refused('9100000000000001', 0);
    const later = Array.from({ length: 6 }, () => mix.next([1], 1_000).cardNumber).filter((n) => n.startsWith('9100'));
    expect(new Set(later)).toEqual(new Set(['9100000000000002']));
    expect(Array.from({ length: 12 }, () => mix.next([1], 61_000).cardNumber)).toContain('9100000000000001');
  });
});

describe('the card lists a station holds offline', () => {
  it('applies increments in version order, once: a card put on and taken off is accepted again', () => {
    const list = new OfflineCardList();
    list.apply([
      { version: 2, list: 'GREY', cardNumber: 'B', op: 'ADD' },
      { version: 1, list: 'BLACK', cardNumber: 'A', op: 'ADD' },
    ]);
    expect([list.has('A'), list.has('B'), list.version]).toEqual([true, true, 2]);
    list.apply([
      { version: 2, list: 'GREY', cardNumber: 'B', op: 'ADD' },
      { version: 3, list: 'GREY', cardNumber: 'B', op: 'REMOVE' },
    ]);
    expect([list.has('A'), list.has('B'), list.version]).toEqual([true, false, 3]);
  });
});
