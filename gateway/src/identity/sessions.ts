import type { Database } from '@hearth/platform/db';
import { HearthError } from '@hearth/platform';
import { audit } from './audit-log';
import { formatSessionToken, parseCredential } from './credentials';
import { decoyPasswordHash, digest, newSecret, sameDigest, verifyPassword } from './secrets';
import type { UserRow } from './users';

export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 7 * 24 * 3_600_000;
/** After this many failures in a row the account locks; each further failure doubles the wait. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 60_000;
const MAX_LOCK_MS = 3_600_000;

export interface IssuedSession {
  sessionId: string;
  userId: string;
  tenantId: string;
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const unauthenticated = (reason: 'missing' | 'invalid' | 'expired' | 'ended', message: string) => new HearthError('UNAUTHENTICATED', message, { reason });

/**
 * Sign in with email and password. Failures say nothing about which part was wrong; after
 * MAX_FAILED_LOGINS in a row the account locks (1 min, doubling to at most 1 h), and a
 * locked account is refused before its password is even checked.
 */
export async function login(db: Database, email: string, password: string, now = new Date()): Promise<IssuedSession> {
  const [user] = await db.query<UserRow>('SELECT * FROM identity.app_user WHERE lower(email) = lower($1)', [email.trim()]);
  if (!user || user.disabled_at) {
    await verifyPassword(password, decoyPasswordHash);
    throw new HearthError('INVALID_CREDENTIALS', 'The email or password is wrong.');
  }
  if (user.locked_until && user.locked_until > now) throw lockedError(user.locked_until, now);
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const lockMs = failures >= MAX_FAILED_LOGINS ? Math.min(LOCK_MS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_MS) : 0;
    const lockedUntil = lockMs ? new Date(now.getTime() + lockMs) : null;
    await db.transaction(async (tx) => {
      await tx.query('UPDATE identity.app_user SET failed_logins = $2, locked_until = $3 WHERE id = $1', [user.id, failures, lockedUntil]);
      await audit(tx, user.tenant_id, `user:${user.id}`, 'login.failed', `user:${user.id}`, { failures });
      if (lockedUntil) await audit(tx, user.tenant_id, 'system', 'account.locked', `user:${user.id}`, { until: lockedUntil.toISOString() });
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new HearthError('INVALID_CREDENTIALS', 'The email or password is wrong.');
  }
  return db.transaction(async (tx) => {
    await tx.query('UPDATE identity.app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    const issued = tokens(now);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO identity.session (tenant_id, user_id, access_digest, access_expires_at, refresh_digest, refresh_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [user.tenant_id, user.id, digest(issued.access), issued.accessExpiresAt, digest(issued.refresh), issued.refreshExpiresAt],
    );
    return issue(row!.id, user, issued);
  });
}

function lockedError(until: Date, now: Date) {
  const retryAfterSeconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  return new HearthError('ACCOUNT_LOCKED', `Too many failed logins: try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

interface SessionRow {
  id: string;
  tenant_id: string;
  user_id: string;
  refresh_digest: Buffer;
  refresh_expires_at: Date;
  previous_refresh_digest: Buffer | null;
  ended_at: Date | null;
}

/**
 * Trades a refresh token for new tokens; the old refresh token stops working. Presenting a
 * refresh token that was already traded means a copy exists elsewhere: the session ends.
 */
export async function refresh(db: Database, refreshToken: string, now = new Date()): Promise<IssuedSession> {
  const credential = parseCredential(refreshToken);
  if (credential?.kind !== 'refresh') throw unauthenticated('invalid', 'That is not a refresh token.');
  const presented = digest(credential.secret);
  const outcome = await db.transaction(async (tx) => {
    const [session] = await tx.query<SessionRow>('SELECT * FROM identity.session WHERE id = $1 FOR UPDATE', [credential.sessionId]);
    if (!session) throw unauthenticated('invalid', 'The refresh token is not valid. Log in again.');
    if (session.ended_at) throw unauthenticated('ended', 'The session has ended. Log in again.');
    if (session.previous_refresh_digest && sameDigest(presented, session.previous_refresh_digest)) {
      // Committed before the caller hears about it: the session must end even though this call fails.
      await tx.query(`UPDATE identity.session SET ended_at = $2, ended_reason = 'refresh-token-reused' WHERE id = $1`, [session.id, now]);
      await audit(tx, session.tenant_id, `user:${session.user_id}`, 'session.refresh-reused', `session:${session.id}`);
      return 'reused' as const;
    }
    if (!sameDigest(presented, session.refresh_digest)) throw unauthenticated('invalid', 'The refresh token is not valid. Log in again.');
    if (session.refresh_expires_at <= now) throw unauthenticated('expired', 'The session has expired. Log in again.');
    const [user] = await tx.query<UserRow>('SELECT * FROM identity.app_user WHERE id = $1', [session.user_id]);
    if (!user || user.disabled_at) throw unauthenticated('ended', 'The account is disabled.');
    const issued = tokens(now);
    await tx.query(
      `UPDATE identity.session SET access_digest = $2, access_expires_at = $3, refresh_digest = $4, refresh_expires_at = $5, previous_refresh_digest = refresh_digest
        WHERE id = $1`,
      [session.id, digest(issued.access), issued.accessExpiresAt, digest(issued.refresh), issued.refreshExpiresAt],
    );
    return issue(session.id, user, issued);
  });
  if (outcome === 'reused') throw unauthenticated('ended', 'This refresh token was already used, so the session has been ended. Log in again.');
  return outcome;
}

/** Ends a session: its access and refresh tokens stop working everywhere at once. */
export async function endSession(db: Database, sessionId: string, reason: string, now = new Date()): Promise<boolean> {
  const rows = await db.query<{ id: string }>(`UPDATE identity.session SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL RETURNING id`, [
    sessionId,
    now,
    reason,
  ]);
  return rows.length === 1;
}

function tokens(now: Date) {
  return {
    access: newSecret(),
    accessExpiresAt: new Date(now.getTime() + ACCESS_TTL_MS),
    refresh: newSecret(),
    refreshExpiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
  };
}

function issue(sessionId: string, user: UserRow, t: ReturnType<typeof tokens>): IssuedSession {
  return {
    sessionId,
    userId: user.id,
    tenantId: user.tenant_id,
    accessToken: formatSessionToken('access', sessionId, t.access),
    accessExpiresAt: t.accessExpiresAt,
    refreshToken: formatSessionToken('refresh', sessionId, t.refresh),
    refreshExpiresAt: t.refreshExpiresAt,
  };
}
