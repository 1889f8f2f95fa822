import { describe, expect, it } from 'vitest';
import { shelveReason, shelveUntil } from './shelving';

const NOW = Date.parse('2026-03-01T08:00:00Z');

describe('shelving an alarm', () => {
  it('shelves until now plus the chosen time', () => {
    expect(shelveUntil('1h', NOW)).toBe('2026-03-01T09:00:00.000Z');
    expect(shelveUntil('24h', NOW)).toBe('2026-03-02T08:00:00.000Z');
  });

  it('keeps the longest choice inside the service’s 7 days, whatever the clocks’ small difference', () => {
    const until = Date.parse(shelveUntil('7d', NOW));
    expect(until - NOW).toBeLessThan(7 * 24 * 3_600_000);
    expect(until - NOW).toBeGreaterThan(7 * 24 * 3_600_000 - 10 * 60_000);
  });

  it('needs a reason, trimmed, of at most 500 characters', () => {
    expect(shelveReason('  sensor under maintenance ')).toBe('sensor under maintenance');
    expect(shelveReason('   ')).toBeNull();
    expect(shelveReason('x'.repeat(501))).toBeNull();
  });
});
