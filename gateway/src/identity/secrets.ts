import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashSecret, PASSWORD_COST, secretHashing, unmatchableHash, verifySecret } from '@hearth/platform';
import { hashingBusyAsRateLimited } from './login-refusals';

/**
 * Secrets Hearth issues (session tokens, API keys): 256 random bits, shown once and stored
 * as a SHA-256 digest; a slow hash would add nothing against guessing 256 bits and would cost
 * every request. Passwords, which people choose, get the platform's scrypt at PASSWORD_COST.
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const digest = (secret: string): Buffer => hash('sha256', secret, 'buffer');
export const sameDigest = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

// Both wait their turn in the platform's hashing limiter; a full queue answers RATE_LIMITED.
export const hashPassword = (password: string): Promise<string> => hashSecret(password, PASSWORD_COST).catch(hashingBusyAsRateLimited);
export const verifyPassword = (password: string, stored: string): Promise<boolean> => verifySecret(password, stored).catch(hashingBusyAsRateLimited);

/** RATE_LIMITED now when a password check would find the hashing queue full, before any lookup is spent on it. */
export function ensureHashingRoom(): void {
  try {
    secretHashing.ensureRoom();
  } catch (err) {
    hashingBusyAsRateLimited(err);
  }
}

/** Checked against for logins of unknown emails, so timing does not tell which emails exist. */
export const decoyPasswordHash = unmatchableHash(PASSWORD_COST);
