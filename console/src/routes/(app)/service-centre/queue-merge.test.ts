import { describe, expect, it } from 'vitest';
import type { ServiceOrder } from '$lib/api/service-order-types';
import { compareQueue, mergeOrder, newer } from './queue-merge';
import { defaultQueueView } from './queue-view';

const at = (minutes: number) => new Date(Date.parse('2026-03-01T08:00:00Z') + minutes * 60_000).toISOString();
const order = (id: string, dueIn: number | null, more: Partial<ServiceOrder> = {}) =>
  ({
    id,
    status: 'RECEIVED',
    type: 'REPAIR',
    slaState: 'ON_TRACK',
    store: null,
    deadline: dueIn === null ? null : at(dueIn),
    updatedAt: at(0),
    ...more,
  }) as ServiceOrder;
const ids = (items: ServiceOrder[]) => items.map((o) => o.id);
const open = defaultQueueView();

describe('the live queue', () => {
  it('sorts open orders first, the nearest deadline first, those without one last', () => {
    const items = [order('c', null), order('b', 60), order('x', 5, { status: 'COMPLETED' }), order('a', 30)].sort(compareQueue);
    expect(ids(items)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('places a new order by its deadline, and moves a changed one', () => {
    const items = [order('a', 30), order('b', 60)];
    expect(ids(mergeOrder(items, order('gas', 10, { type: 'GAS_SMELL' }), open, true))).toEqual(['gas', 'a', 'b']);
    expect(ids(mergeOrder(items, order('a', 90, { updatedAt: at(1) }), open, true))).toEqual(['b', 'a']);
  });

  it('takes out an order the view no longer selects: closed, or moved to another store', () => {
    const items = [order('a', 30), order('b', 60)];
    expect(ids(mergeOrder(items, order('a', 30, { status: 'DELIVERED', updatedAt: at(1) }), open, true))).toEqual(['b']);
    const east = { ...open, storeId: 'east' };
    expect(ids(mergeOrder([order('a', 30, { store: { id: 'east', name: 'E' } })], order('a', 30, { store: { id: 'north', name: 'N' } }), east, true))).toEqual(
      [],
    );
  });

  it('leaves a new order that sorts after the last row loaded to the next page', () => {
    const items = [order('a', 30), order('b', 60)];
    expect(ids(mergeOrder(items, order('late', 120), open, false))).toEqual(['a', 'b']);
    expect(ids(mergeOrder(items, order('soon', 10), open, false))).toEqual(['soon', 'a', 'b']);
  });

  it('never lets an older state replace a newer one', () => {
    const current = order('a', 30, { status: 'ASSIGNED', updatedAt: at(2) });
    expect(newer(current, order('a', 30, { updatedAt: at(1) }))).toBe(current);
    expect(mergeOrder([current], order('a', 30, { updatedAt: at(1) }), open, true)[0]).toBe(current);
    const reread = order('a', 30, { status: 'ASSIGNED', slaState: 'AT_RISK', updatedAt: at(2) });
    expect(newer(current, reread)).toBe(reread);
  });
});
