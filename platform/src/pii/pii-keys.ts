import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The keys personal data is sealed with. Several, so the key can rotate (NIST SP 800-57 Part 1
 * §5.3, cryptoperiods): new values are encrypted with `current`; values written under a retired
 * key still open with the key id they carry.
 *
 * `indexKey` names the key blind indexes and fragment tokens derive from. Unlike `current` it must
 * NOT change while the database holds indexes computed with it: changing it, or dropping that key
 * at the end of a rotation, makes every search miss, silently, until every row is re-indexed.
 * Unset, it is the first key given: with one key that is also `current`, and rotating by adding a
 * key after it keeps it. JavaScript puts integer-like property names ('1', '2') first whatever the
 * order written, so with several keys name it (loadPiiKeys insists).
 */
export interface PiiKeys {
  keys: Record<string, Buffer>;
  current: string;
  indexKey?: string;
}

/** AES-256 (FIPS 197) takes a 256-bit key; HMAC-SHA256 is at full strength with one too. */
export const PII_KEY_BYTES = 32;
const KEY_ID = /^[a-z0-9]{1,8}$/;

export const isPiiKeyId = (id: string) => KEY_ID.test(id);

/** Checked copies, as KeyObjects: a caller mutating its Buffers later cannot change them, and logging the protector shows no key. */
export function checkPiiKeys(options: PiiKeys): { keys: Map<string, KeyObject>; current: string; indexKey: string } {
  const ids = Object.keys(options.keys);
  if (ids.length === 0) throw new Error('PII keys: no key given; give at least one 32-byte key.');
  const keys = new Map<string, KeyObject>();
  for (const id of ids) {
    if (!isPiiKeyId(id)) throw new Error(`PII keys: key id ${JSON.stringify(id.slice(0, 20))} is not 1–8 lowercase letters and digits.`);
    const key = options.keys[id]!;
    if (!Buffer.isBuffer(key) || key.length !== PII_KEY_BYTES)
      throw new Error(
        `PII keys: key "${id}" is ${Buffer.isBuffer(key) ? key.length : 'not a Buffer of'} bytes; a key is exactly 32 random bytes (AES-256): make one with \`openssl rand -base64 32\`.`,
      );
    keys.set(id, createSecretKey(Buffer.from(key)));
  }
  if (!keys.has(options.current)) throw new Error(`PII keys: current key "${options.current}" is not among the keys (${ids.join(', ')}).`);
  const indexKey = options.indexKey ?? ids[0]!;
  if (!keys.has(indexKey))
    throw new Error(`PII keys: index key "${indexKey}" is not among the keys (${ids.join(', ')}); keep the key the blind indexes were computed with.`);
  return { keys, current: options.current, indexKey };
}
