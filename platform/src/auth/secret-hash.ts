import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { secretHashing } from './hashing-limiter';

/**
 * The one way Hearth stores a secret it must check later (IoT gateway secrets, people's
 * passwords): scrypt (RFC 7914) in the self-describing PHC string format
 * `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (unpadded base64), so the cost can be raised later and
 * old hashes still verify. ln=14, r=8, p=1 (16 MiB, tens of ms) is the interactive-login setting
 * of the scrypt paper, enough for machine-issued long secrets; passwords, which people choose,
 * get PASSWORD_COST (ln=17, 128 MiB: OWASP's scrypt floor). Both wait their turn in the process's
 * one hashing limiter and reject with HashingBusyError when its queue is full, so a flood of
 * logins or CONNECTs cannot take libuv's thread pool from the rest of the process.
 */
export interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}
const defaults: ScryptCost = { ln: 14, r: 8, p: 1 };
export const PASSWORD_COST: ScryptCost = { ln: 17, r: 8, p: 1 };
const saltBytes = 16;
const keyBytes = 32;

/** Every derivation waits its turn in the process's hashing limiter (HashingBusyError when its queue is full). */
function derive(secret: string, salt: Buffer, keylen: number, params: { ln: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  // Its work in password hashes: scrypt's cost grows with N · r · p.
  const weight = (N * params.r * params.p) / (2 ** PASSWORD_COST.ln * PASSWORD_COST.r * PASSWORD_COST.p);
  return secretHashing.run(
    () => new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))),
    weight,
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashSecret(secret: string, cost: ScryptCost = defaults): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(secret, salt, keyBytes, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

const phc = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{22,})$/;

/** True when `secret` matches `hash`; false for a wrong secret and for a malformed hash. */
export async function verifySecret(secret: string, hash: string): Promise<boolean> {
  const m = phc.exec(hash);
  if (!m) return false;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds keep a corrupted row from asking for gigabytes of memory or minutes of CPU.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return false;
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length < 16 || expected.length > 64) return false;
  const actual = await derive(secret, salt, expected.length, params);
  return timingSafeEqual(actual, expected);
}

/** A hash no secret matches, verified against for unknown gateways or emails so they take as long as known ones. */
export const unmatchableHash = (cost: ScryptCost = defaults) =>
  `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(Buffer.alloc(saltBytes))}$${b64(Buffer.alloc(keyBytes))}`;
