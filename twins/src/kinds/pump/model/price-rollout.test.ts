import { describe, expect, it } from 'vitest';
import { pumpRolloutState, rolloutOf, type PumpSend } from './price-rollout';

const now = new Date('2026-11-21T08:00:00Z');
const later = new Date('2026-11-22T08:00:00Z');
const earlier = new Date('2026-11-20T08:00:00Z');
const sent = (status: string, expiresAt = later): PumpSend => ({ outcome: 'SENT', status, expiresAt });

describe('a price change’s rollout', () => {
  it('counts a pump confirmed only once it acknowledged the command as done', () => {
    expect(pumpRolloutState(sent('DONE'), now)).toBe('confirmed');
    expect(pumpRolloutState(sent('ACCEPTED'), now)).toBe('pending');
    expect(pumpRolloutState(sent('SENT'), now)).toBe('pending');
  });

  it('counts a pump not sent it yet as pending, and one bound to no gateway as failed', () => {
    expect(pumpRolloutState({ outcome: null, status: null, expiresAt: null }, now)).toBe('pending');
    expect(pumpRolloutState({ outcome: 'DUE', status: null, expiresAt: null }, now)).toBe('pending');
    expect(pumpRolloutState({ outcome: 'NOT_BOUND', status: null, expiresAt: null }, now)).toBe('failed');
  });

  it('counts a rejected, cancelled or expired command as failed, an open one past its expiry too', () => {
    expect(pumpRolloutState(sent('REJECTED'), now)).toBe('failed');
    expect(pumpRolloutState(sent('CANCELLED'), now)).toBe('failed');
    expect(pumpRolloutState(sent('PENDING', earlier), now)).toBe('failed');
  });

  it('adds up over the pumps it applies to', () => {
    expect(rolloutOf([sent('DONE'), sent('DONE'), sent('SENT'), { outcome: 'NOT_BOUND', status: null, expiresAt: null }], now)).toEqual({
      pumps: 4,
      confirmed: 2,
      pending: 1,
      failed: 1,
    });
  });
});
