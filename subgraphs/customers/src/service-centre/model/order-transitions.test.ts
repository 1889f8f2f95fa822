import { describe, expect, it } from 'vitest';
import { HearthError } from '@hearth/platform';
import { ServiceOrderStatus as S, ServiceOrderType as T } from '../service-order.enums';
import { nextStatus, type OrderAction } from './order-transitions';

const refusal = (type: T, status: S, action: OrderAction) => {
  try {
    nextStatus(type, status, action);
  } catch (err) {
    return err instanceof HearthError ? err.extensions : err;
  }
  return null;
};

describe('service order status machine', () => {
  it('takes a delivery RECEIVED → ASSIGNED → DISPATCHED → DELIVERED, and other work to COMPLETED', () => {
    expect(nextStatus(T.DELIVERY, S.RECEIVED, 'ASSIGN')).toBe(S.ASSIGNED);
    expect(nextStatus(T.DELIVERY, S.ASSIGNED, 'DISPATCH')).toBe(S.DISPATCHED);
    expect(nextStatus(T.DELIVERY, S.DISPATCHED, 'COMPLETE')).toBe(S.DELIVERED);
    expect(nextStatus(T.PICKUP, S.ASSIGNED, 'COMPLETE')).toBe(S.DELIVERED);
    expect(nextStatus(T.REPAIR, S.DISPATCHED, 'COMPLETE')).toBe(S.COMPLETED);
    expect(nextStatus(T.CALLBACK, S.ASSIGNED, 'COMPLETE')).toBe(S.COMPLETED);
  });

  it('re-routes until dispatched; fails, cancels or reclassifies any open order', () => {
    expect(nextStatus(T.REPAIR, S.ASSIGNED, 'ASSIGN')).toBe(S.ASSIGNED);
    for (const status of [S.RECEIVED, S.ASSIGNED, S.DISPATCHED]) {
      expect(nextStatus(T.REPAIR, status, 'FAIL')).toBe(S.FAILED);
      expect(nextStatus(T.REPAIR, status, 'CANCEL')).toBe(S.CANCELLED);
      expect(nextStatus(T.REPAIR, status, 'RECLASSIFY')).toBe(S.RECEIVED);
    }
  });

  it('refuses what the status does not allow, naming the current status', () => {
    expect(refusal(T.DELIVERY, S.RECEIVED, 'DISPATCH')).toEqual({ code: 'INVALID_ORDER_TRANSITION', status: 'RECEIVED', action: 'DISPATCH' });
    expect(refusal(T.GAS_SMELL, S.ASSIGNED, 'COMPLETE')).toMatchObject({ status: 'ASSIGNED' });
    expect(refusal(T.REPAIR, S.DISPATCHED, 'ASSIGN')).toMatchObject({ status: 'DISPATCHED' });
    for (const closed of [S.DELIVERED, S.COMPLETED, S.FAILED, S.CANCELLED]) {
      for (const action of ['ASSIGN', 'DISPATCH', 'COMPLETE', 'FAIL', 'CANCEL', 'RECLASSIFY'] as const) {
        expect(refusal(T.DELIVERY, closed, action)).toMatchObject({ code: 'INVALID_ORDER_TRANSITION', status: closed });
      }
    }
  });
});
