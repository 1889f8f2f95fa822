const INTEGER = /^-?\d+$/;

/**
 * An amount of minor units read back from PostgreSQL: a bigint column arrives as a number while it
 * is exact (a BigInt past 2^53), a sum (numeric) as a string. Anything JavaScript cannot hold
 * exactly is refused rather than rounded: money must never change on the way out.
 */
export function minorUnits(value: unknown, what: string): number {
  const n = typeof value === 'string' && INTEGER.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw new Error(`Ledger: ${what} ${String(value)} is not a safe integer of minor units.`);
}

/** `minorUnits` for a column that may be null (a credit limit). */
export const minorUnitsOrNull = (value: unknown, what: string): number | null => (value === null ? null : minorUnits(value, what));
