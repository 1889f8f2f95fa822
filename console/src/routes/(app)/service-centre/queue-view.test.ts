import { describe, expect, it } from 'vitest';
import { defaultQueueView, listKey, matchesView, parseQueueView, queueViewQuery, toOrderFilter } from './queue-view';

const view = (query: string) => parseQueueView(new URLSearchParams(query));

describe('the service centre’s view in the URL', () => {
  it('shows the open orders without a query', () => {
    expect(view('')).toEqual(defaultQueueView());
    expect(queueViewQuery(defaultQueueView())).toBe('');
    expect(toOrderFilter(defaultQueueView())).toEqual({ statuses: ['RECEIVED', 'ASSIGNED', 'DISPATCHED'] });
  });

  it('reproduces a filtered view from its link, in one canonical order, and drops values it does not know', () => {
    const query = queueViewQuery({
      statuses: ['DELIVERED'],
      types: ['REPAIR', 'GAS_SMELL'],
      slaStates: ['AT_RISK', 'BREACHED'],
      storeId: 's1',
      selected: 'o1',
    });
    expect(query).toBe('status=DELIVERED&type=GAS_SMELL,REPAIR&sla=BREACHED,AT_RISK&store=s1&order=o1');
    expect(view(query)).toEqual({ statuses: ['DELIVERED'], types: ['GAS_SMELL', 'REPAIR'], slaStates: ['BREACHED', 'AT_RISK'], storeId: 's1', selected: 'o1' });
    expect(view('type=GAS_SMELL,SPACESHIP').types).toEqual(['GAS_SMELL']);
  });

  it('tells "any status" (an empty list) from the open ones (no list)', () => {
    const any = { ...defaultQueueView(), statuses: [] };
    expect(queueViewQuery(any)).toBe('status=');
    expect(view('status=').statuses).toEqual([]);
    expect(toOrderFilter(any)).toBeNull();
  });

  it('reads the list again for a filter, not for the order opened beside it', () => {
    expect(listKey({ ...defaultQueueView(), selected: 'o1' })).toBe(listKey(defaultQueueView()));
    expect(listKey({ ...defaultQueueView(), storeId: 's1' })).not.toBe(listKey(defaultQueueView()));
  });

  it('selects an order as an event has it: its status, type, SLA state and store', () => {
    const order = { status: 'ASSIGNED', type: 'GAS_SMELL', slaState: 'AT_RISK', store: { id: 's1', name: 'East' } } as const;
    expect(matchesView(order, defaultQueueView())).toBe(true);
    expect(matchesView({ ...order, status: 'COMPLETED' }, defaultQueueView())).toBe(false);
    expect(matchesView(order, { ...defaultQueueView(), types: ['REPAIR'] })).toBe(false);
    expect(matchesView(order, { ...defaultQueueView(), slaStates: ['BREACHED'] })).toBe(false);
    expect(matchesView(order, { ...defaultQueueView(), storeId: 's2' })).toBe(false);
    expect(matchesView({ ...order, store: null }, { ...defaultQueueView(), storeId: 's1' })).toBe(false);
  });
});
