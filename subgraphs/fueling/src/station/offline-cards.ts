/** What decides whether a station's controller may still take cards while it cannot reach Hearth. */
export interface OfflineCardFacts {
  /** When the controller last confirmed the card list (blacklist and greylist) it holds; null: never. */
  cardListConfirmedAt: Date | null;
  /** How long after that confirmation it may keep selling on cards offline. */
  offlineCardWindowMinutes: number;
}

/**
 * Whether the station's controller may take cards offline at `now`. An offline controller sells
 * on the last blacklist it received (DOMAIN.md: offline pumps); the older that list, the more lost
 * or blocked cards it would still accept, so it stops taking cards once it has not confirmed a
 * list within its window. A station that never confirmed one has nothing to check cards against.
 * The window includes its last instant; a window of 0 minutes means never offline.
 */
export function offlineCardsAccepted(facts: OfflineCardFacts, now: Date): boolean {
  if (facts.cardListConfirmedAt === null || facts.offlineCardWindowMinutes <= 0) return false;
  const age = now.getTime() - facts.cardListConfirmedAt.getTime();
  return age <= facts.offlineCardWindowMinutes * 60_000;
}
