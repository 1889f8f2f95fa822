import { normalizeIdNumber, normalizePhone } from './normalize-pii';

/** What the caller declares: a resident ID is checksummed; other documents (passports, 15-character old IDs, permits) are not. */
export type IdNumberKind = 'RESIDENT_ID' | 'OTHER';

// GB 11643-1999 §5.2: ISO 7064 MOD 11-2 over the first 17 digits; weight i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character a resident ID number's first 17 digits call for. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}/.test(first17)) throw new Error('residentIdCheckCharacter: give the first 17 digits of a resident ID number.');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => (sum += Number(first17[i]) * weight));
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Null when `raw` is a plausible phone number, else what is wrong (for BAD_USER_INPUT). Digits
 * may be grouped with spaces, dashes, dots and brackets; letters are refused, not dropped, so
 * `138-CALL-NOW` is not stored as `138`. Messages never repeat the value: they end up in logs.
 */
export function phoneProblem(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) return 'A phone number holds digits, optionally grouped with spaces, dashes, dots or brackets, and at most a leading +.';
  const digits = normalizePhone(text).length;
  // 7: the shortest Chinese local number; 15: the most ITU-T E.164 allows, country code included.
  if (digits < 7 || digits > 15) return `A phone number has 7 to 15 digits (ITU-T E.164 allows at most 15); this one has ${digits}.`;
  return null;
}

/** Null when `raw` is a valid number for its kind of ID document, else what is wrong (for BAD_USER_INPUT). */
export function idNumberProblem(raw: string, kind: IdNumberKind): string | null {
  const id = normalizeIdNumber(raw);
  switch (kind) {
    case 'RESIDENT_ID':
      if (!/^\d{17}[\dX]$/.test(id))
        return 'A resident ID number has 18 characters: 17 digits, then a digit or X. For a 15-character old ID, choose another document kind.';
      if (residentIdCheckCharacter(id) !== id[17]) return 'This resident ID number fails its check character (GB 11643-1999): a character is mistyped.';
      return null;
    case 'OTHER':
      return /^[A-Z0-9]{6,20}$/.test(id) ? null : 'An ID document number has 6 to 20 letters and digits.';
  }
}
