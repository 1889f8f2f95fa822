/**
 * How long an alarm may be shelved (ISA-18.2: shelving is temporary; the service takes at most
 * 7 days ahead). The form offers these; the reason is required, as the service requires it.
 */
const HOUR = 3_600_000;
export const SHELVE_DURATIONS = { '1h': HOUR, '8h': 8 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR } as const;
export type ShelveDuration = keyof typeof SHELVE_DURATIONS;
export const MAX_REASON_LENGTH = 500;
export const MAX_COMMENT_LENGTH = 1000;

/**
 * Until when to shelve, from the browser's clock. The longest choice stays a few minutes short of
 * the service's 7 days, so a browser clock running a little ahead of the service's is not refused.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;
export function shelveUntil(duration: ShelveDuration, now: number): string {
  const ms = SHELVE_DURATIONS[duration];
  return new Date(now + (ms === SHELVE_DURATIONS['7d'] ? ms - CLOCK_MARGIN_MS : ms)).toISOString();
}

/** The reason as sent, or null when there is none (blank) or it is too long. */
export function shelveReason(text: string): string | null {
  const reason = text.trim();
  return reason && reason.length <= MAX_REASON_LENGTH ? reason : null;
}
