import { describe, expect, it } from 'vitest';
import { effectiveStatus, movesForward } from './command';

describe('command status', () => {
  it('moves only forward', () => {
    expect(movesForward('SENT', 'ACCEPTED')).toBe(true);
    expect(movesForward('PENDING', 'DONE')).toBe(true);
    expect(movesForward('DONE', 'ACCEPTED')).toBe(false);
    expect(movesForward('REJECTED', 'DONE')).toBe(false);
    expect(movesForward('EXPIRED', 'ACCEPTED')).toBe(false);
  });

  it('shows an open command past its expiry as expired', () => {
    const now = new Date('2026-11-21T08:00:00Z');
    const past = new Date(now.getTime() - 1);
    expect(effectiveStatus({ status: 'PENDING', expiresAt: past }, now)).toBe('EXPIRED');
    expect(effectiveStatus({ status: 'SENT', expiresAt: past }, now)).toBe('EXPIRED');
    expect(effectiveStatus({ status: 'ACCEPTED', expiresAt: past }, now)).toBe('ACCEPTED');
    expect(effectiveStatus({ status: 'PENDING', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('PENDING');
  });
});
