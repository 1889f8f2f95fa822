import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { normalizeFor } from './normalize-pii';
import { checkPiiKeys, isPiiKeyId, type PiiKeys } from './pii-keys';

/** Fragment searches need at least 4 characters: a service agent types "0003", "8888" or more. */
export const FRAGMENT_LENGTH = 4;
/** The longest run indexed: a whole phone number (ITU-T E.164: at most 15 digits) and a little more. */
export const MAX_FRAGMENT_LENGTH = 16;

const VERSION = 'v1';
// NIST SP 800-38D §5.2.1.1 and §8.2.2: 96-bit random IVs, at most 2^32 encryptions per key, far
// beyond a retailer's customer records; rotate the key long before.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INDEX_HEX = 32; // 16 bytes: collisions between whole values are out of reach
const TOKEN_HEX = 16; // 8 bytes: keeps the GIN index small; two runs collide with odds of 2^-64
const PURPOSE = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Encrypts personal data at rest and computes the keyed hashes that let it be found without
 * decrypting rows (a "blind index", as in CipherSweet).
 *
 * Stored form: `v1.<keyId>.<base64url iv>.<base64url ciphertext+tag>`, AES-256-GCM with
 * `v1.<keyId>` as additional data, so the header cannot be edited either.
 *
 * What the indexes give away to someone who reads the database but lacks the key: which rows
 * share a value (equal blind indexes) or a run of characters (equal tokens), and, because digit
 * 4-grams are only 10,000, token frequencies. Someone who also knows some customers' numbers
 * learns which token is which run and can rebuild the numbers from the others' tokens. That is
 * the price of fragment search; fragment tokens belong only on columns where agents need it.
 */
export class PiiProtector {
  readonly #keys: Map<string, KeyObject>;
  readonly #current: string;
  readonly #indexKey: KeyObject;
  readonly #derived = new Map<string, KeyObject>();

  constructor(options: PiiKeys) {
    const checked = checkPiiKeys(options);
    this.#keys = checked.keys;
    this.#current = checked.current;
    this.#indexKey = checked.keys.get(checked.indexKey)!;
  }

  encrypt(plain: string): string {
    const header = `${VERSION}.${this.#current}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#current)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(header));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${header}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** The plain value; throws, never returns garbage, when `stored` was altered, is malformed or names a key this process lacks. */
  decrypt(stored: string): string {
    const parts = stored.split('.');
    const [version, keyId, ivText, bodyText] = parts;
    if (parts.length !== 4 || version !== VERSION || !isPiiKeyId(keyId!) || !canonical(ivText!) || !canonical(bodyText!))
      throw new Error('PII decrypt: not a stored value (expected v1.<keyId>.<iv>.<ciphertext>, base64url).');
    const key = this.#keys.get(keyId!);
    if (!key) throw new Error(`PII decrypt: unknown key id "${keyId!}"; a retired key is still needed for old values: put it back in the key file.`);
    const iv = Buffer.from(ivText!, 'base64url');
    const body = Buffer.from(bodyText!, 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('PII decrypt: not a stored value (wrong IV or tag length).');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId!}`));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`PII decrypt: the value failed authentication: it was altered, or sealed under another key that was also called "${keyId!}".`);
    }
  }

  /** 32 hex characters, equal for equal values once normalised for `purpose`, different across purposes: an equality-search column. */
  blindIndex(value: string, purpose: string): string {
    const normal = normalizeFor(checkPurpose(purpose), value);
    if (normal === '') throw new Error(`PII blind index: the ${purpose} value is empty once normalised; validate it first.`);
    return this.#mac(purpose, normal).slice(0, INDEX_HEX);
  }

  /**
   * The tokens of every run of FRAGMENT_LENGTH to MAX_FRAGMENT_LENGTH characters of the normalised
   * value, deduplicated and sorted (the order would hint at positions): a `text[]` column under a
   * GIN index. Every run, not only 4-grams: a longer fragment then asks for one token, so a match
   * holds the fragment itself, not merely its 4-grams somewhere apart ("00000003" is not 0000 and
   * 0003). An 11-digit phone has 36 such runs.
   */
  fragmentTokens(digitsOrValue: string, purpose: string): string[] {
    const chars = [...normalizeFor(checkPurpose(purpose), digitsOrValue)];
    const runs = new Set<string>();
    for (let length = FRAGMENT_LENGTH; length <= Math.min(chars.length, MAX_FRAGMENT_LENGTH); length++)
      for (let i = 0; i + length <= chars.length; i++) runs.add(chars.slice(i, i + length).join(''));
    return [...runs].map((run) => this.#token(run, purpose)).sort();
  }

  /**
   * The token a row's tokens must contain (`tokens @> $1`) to hold `fragment`, as a one-element
   * list; null when the fragment, normalised, is shorter than FRAGMENT_LENGTH or longer than
   * MAX_FRAGMENT_LENGTH (too short or too long to search this way).
   */
  searchTokens(fragment: string, purpose: string): string[] | null {
    const chars = [...normalizeFor(checkPurpose(purpose), fragment)];
    return chars.length < FRAGMENT_LENGTH || chars.length > MAX_FRAGMENT_LENGTH ? null : [this.#token(chars.join(''), purpose)];
  }

  /** A key of their own, so a token never equals the blind index of a short value. */
  #token(run: string, purpose: string): string {
    return this.#mac(`${purpose}/fragment`, run).slice(0, TOKEN_HEX);
  }

  #mac(purpose: string, text: string): string {
    return createHmac('sha256', this.#keyFor(purpose)).update(text, 'utf8').digest('hex');
  }

  /** RFC 5869 HKDF, one key per purpose, so a phone index never matches an ID number index for the same text. */
  #keyFor(purpose: string): KeyObject {
    let key = this.#derived.get(purpose);
    if (!key) {
      key = createSecretKey(Buffer.from(hkdfSync('sha256', this.#indexKey, Buffer.alloc(0), `hearth-pii-index:${purpose}`, 32)));
      this.#derived.set(purpose, key);
    }
    return key;
  }
}

/** Kebab-case only: `/` is kept for the fragment keys' labels, so no purpose can borrow them. */
function checkPurpose(purpose: string): string {
  if (!PURPOSE.test(purpose)) throw new Error(`PII index: purpose ${JSON.stringify(purpose.slice(0, 70))} is not kebab-case (a-z, 0-9, -).`);
  return purpose;
}

/** Node's base64url decoder skips characters it does not know; insist on the one spelling, so any edit to the text is caught. */
const canonical = (text: string) => text.length > 0 && Buffer.from(text, 'base64url').toString('base64url') === text;
