/**
 * Money as the API has it: integer minor units (fen for CNY), never a float. Converting to and
 * from the major unit (yuan) goes through decimal strings and BigInt, so ¥12.34 is 1234 fen
 * exactly, however large, where `0.29 * 100` is 28.999999999999996. Pure (the locale is passed
 * in), so unit tests run it outside SvelteKit; pages use `money()` from format.ts.
 */

/** Minor digits of a currency (ISO 4217: CNY 2, JPY 0), as Intl knows them. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 fen → "1234.56"; -5 → "-0.05". */
export function minorToDecimal(minor: number, digits: number): string {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10n ** BigInt(digits);
  return `${sign}${abs / unit}.${String(abs % unit).padStart(digits, '0')}`;
}

/** "¥1,234.56" (grouped, as money is written on receipts and statements), in `locale`'s order. */
export function formatMinor(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  // A decimal string is formatted exactly (Intl.NumberFormat v3); the type only knows numbers.
  return format.format(minorToDecimal(minor, currencyDigits(currency)) as unknown as number);
}

export type AmountProblem = 'invalid' | 'tooPrecise' | 'notPositive' | 'tooLarge';

/**
 * An amount typed in the major unit ("12.34", "1,234.5", "100") as integer minor units. More
 * decimals than the currency has are refused rather than rounded: the clerk meant something.
 */
export function parseAmount(text: string, digits: number): { minor: number } | { problem: AmountProblem } {
  const plain = text.trim().replace(/\s/g, '');
  const grouped = /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(plain);
  const match = /^(\d+)?(?:\.(\d*))?$/.exec(grouped ? plain.replace(/,/g, '') : plain);
  if (!plain || !match || (match[1] === undefined && !match[2])) return { problem: 'invalid' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return { problem: 'tooPrecise' };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0n) return { problem: 'notPositive' };
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: 'tooLarge' };
  return { minor: Number(minor) };
}
