import { describe, expect, it } from 'vitest';
import type { Pump, PumpTwin } from '$lib/api/fueling-types';
import { saleUnderWay, withTwin } from './pump-merge';

const twin = (version: number, state: PumpTwin['state'], volumeMl: number | null = null): PumpTwin => ({
  online: true,
  stale: false,
  lastSeenAt: null,
  version,
  state,
  nozzle: volumeMl === null ? null : 1,
  volumeMl,
  amountMinor: volumeMl === null ? null : 745,
  pendingAuthorization: null,
  lastDecision: null,
  lastSale: null,
  alarms: [],
});
const pump = (id: string, t: PumpTwin | null): Pump => ({ id, name: id, dispenser: '1', nozzles: [], twin: t });

describe('withTwin', () => {
  it('takes a newer twin of a shown pump and leaves the others as they were', () => {
    const other = pump('p2', twin(1, 'IDLE'));
    const next = withTwin([pump('p1', twin(3, 'IDLE')), other], 'p1', twin(4, 'CALLING'));
    expect(next[0]!.twin!.state).toBe('CALLING');
    expect(next[1]).toBe(other);
  });

  it('keeps a newer twin when an older event arrives late, and a pump without a twin takes its first', () => {
    const pumps = [pump('p1', twin(5, 'FUELLING', 1000)), pump('p2', null)];
    expect(withTwin(pumps, 'p1', twin(4, 'CALLING'))).toBe(pumps);
    expect(withTwin(pumps, 'p2', twin(1, 'IDLE'))[1]!.twin!.state).toBe('IDLE');
  });

  it('ignores a pump the page does not show', () => {
    const pumps = [pump('p1', null)];
    expect(withTwin(pumps, 'p9', twin(1, 'IDLE'))).toBe(pumps);
  });
});

describe('saleUnderWay', () => {
  it('is true while running figures are reported, false at rest or before any report', () => {
    expect(saleUnderWay(twin(1, 'FUELLING', 12000))).toBe(true);
    expect(saleUnderWay(twin(1, 'IDLE'))).toBe(false);
    expect(saleUnderWay(null)).toBe(false);
  });
});
