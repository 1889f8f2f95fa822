import type { Database } from '@hearth/platform/db';
import { HearthError } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { formatSessionToken, parseCredential } from './credentials';
import { clearFailures, lockedError, lockedUntil, recordFailure } from './login-lockout';
import type { LoginThrottle } from './login-throttle';
import { refusedAs } from './login-refusals';
import { decoyPasswordHash, digest, ensureHashingRoom, newSecret, sameDigest, verifyPassword } from './secrets';
import type { UserRow } from './users';

export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 7 * 24 * 3_600_000;

export interface IssuedSession {
  sessionId: string;
  userId: string;
  tenantId: string;
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface LoginAttempt {
  email: string;
  password: string;
  /** The caller's address, for the per-address throttle. */
  address?: string;
}

const unauthenticated = (reason: 'missing' | 'invalid' | 'expired' | 'ended', message: string) => new HearthError('UNAUTHENTICATED', message, { reason });
const invalidCredentials = () => new HearthError('INVALID_CREDENTIALS', 'The email or password is wrong.');

/**
 * Sign in with email and password. Failures say nothing about which part was wrong, nor whether
 * the email has an account: throttled per address and per email before any hashing, then after
 * MAX_FAILED_LOGINS in a row the email locks (1 min, doubling to at most 1 h), and a locked
 * email is refused before its password is even checked. The same email may have an account in
 * several companies; the password picks the account (the oldest one it matches).
 */
export async function login(db: Database, throttle: LoginThrottle, attempt: LoginAttempt, now = new Date()): Promise<IssuedSession> {
  const ticket = await throttle.begin(attempt.address, now.getTime());
  try {
    ensureHashingRoom();
    const email = attempt.email.trim();
    const locked = await lockedUntil(db, email, now);
    if (locked) throw refusedAs('locked', lockedError(locked, now));
    await throttle.admitEmail(ticket, email, now.getTime());
    const accounts = await db.query<UserRow>('SELECT * FROM identity.app_user WHERE lower(email) = lower($1) AND disabled_at IS NULL ORDER BY created_at, id', [
      email,
    ]);
    const user = await accountMatching(accounts, attempt.password);
    if (!user) throw await failed(db, email, accounts, now);
    await throttle.succeeded(ticket);
    return await startSession(db, email, user, now);
  } finally {
    throttle.end(ticket);
  }
}

/** Counts the failure against the email (audited in each tenant that has an account for it): INVALID_CREDENTIALS, or ACCOUNT_LOCKED once it locks. */
async function failed(db: Database, email: string, accounts: UserRow[], now: Date): Promise<HearthError> {
  const result = await db.transaction(async (tx) => {
    const counted = await recordFailure(tx, email, now);
    for (const account of accounts) {
      await recordAudit(
        tx,
        { tenantId: account.tenant_id, actor: `user:${account.id}` },
        { domain: 'identity', action: 'login.failed', target: `user:${account.id}`, details: { failures: counted.failures } },
      );
      if (counted.lockedUntil)
        await recordAudit(
          tx,
          { tenantId: account.tenant_id, actor: 'system' },
          { domain: 'identity', action: 'account.locked', target: `user:${account.id}`, details: { until: counted.lockedUntil.toISOString() } },
        );
    }
    return counted;
  });
  return result.lockedUntil ? refusedAs('locked', lockedError(result.lockedUntil, now)) : refusedAs('invalid-credentials', invalidCredentials());
}

function startSession(db: Database, email: string, user: UserRow, now: Date): Promise<IssuedSession> {
  return db.transaction(async (tx) => {
    await clearFailures(tx, email);
    const issued = tokens(now);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO identity.session (tenant_id, user_id, access_digest, access_expires_at, refresh_digest, refresh_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [user.tenant_id, user.id, digest(issued.access), issued.accessExpiresAt, digest(issued.refresh), issued.refreshExpiresAt],
    );
    return issue(row!.id, user, issued);
  });
}

/**
 * The oldest account the password opens. All candidates are checked at once (usually one; the
 * decoy when there is none), so an email with accounts in several companies costs about the same
 * wall time as one with a single account or none.
 */
async function accountMatching(accounts: UserRow[], password: string): Promise<UserRow | undefined> {
  if (accounts.length === 0) {
    await verifyPassword(password, decoyPasswordHash);
    return undefined;
  }
  const matches = await Promise.all(accounts.map((account) => verifyPassword(password, account.password_hash)));
  return accounts[matches.indexOf(true)];
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
      await recordAudit(
        tx,
        { tenantId: session.tenant_id, actor: `user:${session.user_id}` },
        { domain: 'identity', action: 'session.refresh-reused', target: `session:${session.id}` },
      );
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
