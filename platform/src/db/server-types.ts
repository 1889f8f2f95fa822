import pg from 'pg';

const { builtins } = pg.types;
// pg's types only name the built-in scalars; array types are looked up by number.
const parserOf = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const textArray = parserOf(1009); // text[]: pg's parser of the array syntax, elements as strings
type Nested<T> = T | null | Nested<T>[];
const mapArray = <T>(value: Nested<string>, parse: (v: string) => T): Nested<T> =>
  value === null ? null : Array.isArray(value) ? value.map((v) => mapArray(v, parse)) : parse(value);

/** PGlite's bigint: a number while it is exact, a BigInt past 2^53. */
function int8(value: string): number | bigint {
  const n = BigInt(value);
  return n < Number.MIN_SAFE_INTEGER || n > Number.MAX_SAFE_INTEGER ? n : Number(n);
}

// Where node-postgres and PGlite part ways, PGlite's way (`count(*)` is a bigint: a number on the
// embedded database, a string from pg until now). Services were written and tested against the
// embedded one, so a server must hand them the same values. Numeric stays a string on both (exact).
const SAME_AS_EMBEDDED: Record<number, (value: string) => unknown> = {
  [builtins.INT8]: int8,
  1016: (value) => mapArray(textArray(value) as Nested<string>, int8), // int8[]
  1231: (value) => textArray(value), // numeric[]: exact strings, as numeric is (pg made floats of them)
  [builtins.INTERVAL]: (value) => value, // as PostgreSQL prints it, not pg's object
  1187: (value) => textArray(value), // interval[]
};

/** The `types` of every connection to a server (pool, listener, advisory lock). */
export const serverTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && SAME_AS_EMBEDDED[oid] ? SAME_AS_EMBEDDED[oid] : parserOf(oid, format)) as typeof pg.types.getTypeParser,
};
