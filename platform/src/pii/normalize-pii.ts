/**
 * One spelling per value, so equal numbers give equal blind indexes however they were typed.
 * NFKC first: Chinese input methods often give full-width digits and letters (`１３８`, `Ｘ`) and
 * the ideographic space, which NFKC folds to ASCII.
 */

/** Digits only: a leading +, spaces, dashes, dots and brackets go. A country code stays (`+86 138…` → `86138…`). */
export function normalizePhone(raw: string): string {
  return raw.normalize('NFKC').replace(/\D/g, '');
}

/** Trimmed, uppercase (the resident ID's check character X is often typed as x), spaces removed. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/**
 * How blind indexes normalise a value, told by the purpose's name: `phone` or `…-phone`
 * (`customer-phone`) as a phone, `id-number` or `…-id-number` as an ID number, anything else
 * trimmed (and NFC, so composed and decomposed text match). By name, so a fragment typed with
 * dashes ("0571-8888") finds what was indexed as digits, whoever forgot to normalise first.
 */
export function normalizeFor(purpose: string, raw: string): string {
  if (/(^|-)phone$/.test(purpose)) return normalizePhone(raw);
  if (/(^|-)id-number$/.test(purpose)) return normalizeIdNumber(raw);
  return raw.normalize('NFC').trim();
}
