import { describe, expect, it } from 'vitest';
import { orderActions } from './order-actions';

describe('the actions offered on an order', () => {
  it('routes until dispatch, and dispatches once routed', () => {
    expect(orderActions({ type: 'DELIVERY', status: 'RECEIVED' })).toEqual(['assign', 'fail', 'cancel', 'reclassify']);
    expect(orderActions({ type: 'DELIVERY', status: 'ASSIGNED' })).toEqual(['assign', 'dispatch', 'fail', 'cancel', 'reclassify']);
  });

  it('completes fieldwork once dispatched, desk work once routed', () => {
    expect(orderActions({ type: 'REPAIR', status: 'DISPATCHED' })).toContain('complete');
    expect(orderActions({ type: 'REPAIR', status: 'ASSIGNED' })).not.toContain('complete');
    expect(orderActions({ type: 'COMPLAINT', status: 'ASSIGNED' })).toContain('complete');
  });

  it('never reclassifies a gas smell, and offers nothing on a closed order', () => {
    expect(orderActions({ type: 'GAS_SMELL', status: 'DISPATCHED' })).toEqual(['complete', 'fail', 'cancel']);
    expect(orderActions({ type: 'DELIVERY', status: 'DELIVERED' })).toEqual([]);
  });
});
