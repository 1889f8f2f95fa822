import { describe, expect, it } from 'vitest';
import { offlineCardsAccepted } from './offline-cards';

const confirmed = new Date('2025-03-01T08:00:00Z');
const at = (minutes: number) => new Date(confirmed.getTime() + minutes * 60_000);

describe('offlineCardsAccepted', () => {
  it('accepts cards offline within the window after the last confirmed list, up to its last instant', () => {
    expect(offlineCardsAccepted({ cardListConfirmedAt: confirmed, offlineCardWindowMinutes: 60 }, at(0))).toBe(true);
    expect(offlineCardsAccepted({ cardListConfirmedAt: confirmed, offlineCardWindowMinutes: 60 }, at(60))).toBe(true);
  });

  it('stops once the window has passed without a new confirmation', () => {
    expect(offlineCardsAccepted({ cardListConfirmedAt: confirmed, offlineCardWindowMinutes: 60 }, new Date(at(60).getTime() + 1))).toBe(false);
  });

  it('refuses a station that never confirmed a list', () => {
    expect(offlineCardsAccepted({ cardListConfirmedAt: null, offlineCardWindowMinutes: 10_080 }, confirmed)).toBe(false);
  });

  it('refuses a station whose window is 0: it never sells on cards offline', () => {
    expect(offlineCardsAccepted({ cardListConfirmedAt: confirmed, offlineCardWindowMinutes: 0 }, confirmed)).toBe(false);
  });
});
