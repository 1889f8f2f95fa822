import { HearthError } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';

/** After this many failures in a row the email locks; each further failure doubles the wait. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 60_000;
const MAX_LOCK_MS = 3_600_000;
/** Failures older than this are forgotten, so a typo a month ago does not count and the table does not grow without end. */
export const FAILURE_MEMORY_MS = 24 * 3_600_000;

// The email as typed, compared like app_user's index (lower), kept only as a digest.
const EMAIL_DIGEST = `sha256(convert_to(lower($1), 'UTF8'))`;

/**
 * The lock-out is kept per email, not per account row: an email no account has is counted and
 * locked exactly like one that has an account, so neither the answers nor their timing say
 * which emails exist (OWASP Authentication Cheat Sheet, "Account lockout" and "Authentication
 * and error messages").
 */
export async function lockedUntil(db: Queryable, email: string, now: Date): Promise<Date | undefined> {
  const [row] = await db.query<{ locked_until: Date | null }>(`SELECT locked_until FROM identity.login_attempt WHERE email_digest = ${EMAIL_DIGEST}`, [email]);
  return row?.locked_until && row.locked_until > now ? row.locked_until : undefined;
}

/** Counts one more failure in a row for the email; returns the count and, once it reaches MAX_FAILED_LOGINS, the end of the lock. */
export async function recordFailure(db: Queryable, email: string, now: Date): Promise<{ failures: number; lockedUntil?: Date }> {
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS);
  await db.query('DELETE FROM identity.login_attempt WHERE last_failed_at < $1', [forgetBefore]);
  const [row] = await db.query<{ failures: number }>(
    `INSERT INTO identity.login_attempt AS a (email_digest, failures, last_failed_at) VALUES (${EMAIL_DIGEST}, 1, $2)
     ON CONFLICT (email_digest) DO UPDATE SET failures = a.failures + 1, last_failed_at = $2 RETURNING failures`,
    [email, now],
  );
  const failures = row!.failures;
  if (failures < MAX_FAILED_LOGINS) return { failures };
  const until = new Date(now.getTime() + Math.min(LOCK_MS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_MS));
  await db.query(`UPDATE identity.login_attempt SET locked_until = $2 WHERE email_digest = ${EMAIL_DIGEST}`, [email, until]);
  return { failures, lockedUntil: until };
}

export async function clearFailures(db: Queryable, email: string): Promise<void> {
  await db.query(`DELETE FROM identity.login_attempt WHERE email_digest = ${EMAIL_DIGEST}`, [email]);
}

export function lockedError(until: Date, now: Date): HearthError {
  const retryAfterSeconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  return new HearthError('ACCOUNT_LOCKED', `Too many failed logins: try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}
