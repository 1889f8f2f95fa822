import { normalizeIdNumber, normalizePhone } from './normalize-pii';

/**
 * What every caller without the `customers:pii` scope sees: de-identification in the sense of
 * GB/T 35273-2020 and PIPL art. 51. Enough for a service agent to confirm "the mobile ending
 * 0003" with the customer, not enough to call or impersonate them. Masks keep the value's length.
 */

/**
 * Phones, chosen so that at least 4 digits are always hidden and at most 7 significant ones shown:
 * - an 11-digit mobile (starts with 1): first 3 (the carrier) and last 4, `138****0003`;
 * - a landline written with its area code apart (`0571-88886666`, `(010) 12345678`): the area
 *   code (the city) and the local number's last 4, `0571-****6666`; last 3 for a 7-digit local
 *   number, `0571-****666`. The area code's leading 0 is the trunk prefix every Chinese landline
 *   has, so 0571 + 6666 shows 7 digits that say something;
 * - anything else (a landline typed without a separator, +86 numbers, short numbers): the last 4,
 *   the last 3 for 7 digits, nothing below 7.
 */
export function maskPhone(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  const landline = /^\(?(0\d{2,3})(?:\)\s*|\s*[\s-]\s*)(\d[\d\s-]*)$/.exec(text);
  if (landline) {
    const local = normalizePhone(landline[2]!);
    if (local.length === 7 || local.length === 8) return `${landline[1]!}-${keepLast(local)}`;
  }
  const digits = normalizePhone(text);
  if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return keepLast(digits);
}

function keepLast(digits: string): string {
  const shown = digits.length >= 8 ? 4 : digits.length === 7 ? 3 : 0;
  return '*'.repeat(digits.length - shown) + digits.slice(digits.length - shown);
}

/**
 * ID numbers: an 18-character resident ID shows its first 3 (province and part of the city of
 * issue) and last 4 characters, `110***********1234`, so the birth date (characters 7–14, GB
 * 11643-1999) is never shown. Other documents show the first 1 and last 2; below 6 characters
 * (no valid document is that short) nothing.
 */
export function maskIdNumber(raw: string): string {
  const id = [...normalizeIdNumber(raw)];
  const [head, tail] = id.length === 18 ? [3, 4] : id.length >= 6 ? [1, 2] : [0, 0];
  return id.slice(0, head).join('') + '*'.repeat(id.length - head - tail) + id.slice(id.length - tail).join('');
}
