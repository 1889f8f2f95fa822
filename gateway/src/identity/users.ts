import { isUniqueViolation, type Database, type Queryable } from '@hearth/platform/db';
import { HearthError, type Role } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { hashPassword, verifyPassword } from './secrets';

export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: Date;
  disabled_at: Date | null;
}

export const MIN_PASSWORD_LENGTH = 12;

/** The one password rule, named after the input field that carried the password. */
function checkPasswordLength(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new HearthError('BAD_USER_INPUT', `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`, {
      fields: [{ field, message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
    });
}

export async function ensureTenant(db: Queryable, id: string, name: string): Promise<void> {
  await db.query('INSERT INTO identity.tenant (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name]);
}

export async function tenantName(db: Queryable, id: string): Promise<string> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM identity.tenant WHERE id = $1', [id]);
  return row?.name ?? '';
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(db: Database, tenantId: string, input: NewUser, actor: string): Promise<UserRow> {
  checkPasswordLength(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.query<UserRow>(
        `INSERT INTO identity.app_user (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [tenantId, input.email.trim(), input.name.trim(), input.role, passwordHash],
      );
      await recordAudit(
        tx,
        { tenantId, actor },
        { domain: 'identity', action: 'user.created', target: `user:${user!.id}`, details: { email: user!.email, role: user!.role } },
      );
      return user!;
    });
  } catch (err) {
    // Emails are unique per tenant only (migration 0002): this can only name a user of the admin's own company.
    if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `Your company already has a user with the email ${input.email}.`, { field: 'email' });
    throw err;
  }
}

export async function setUserRole(db: Database, tenantId: string, userId: string, role: Role, actor: string): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.query<UserRow>('SELECT * FROM identity.app_user WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [userId, tenantId]);
    if (!before) throw new HearthError('NOT_FOUND', `User ${userId} was not found.`, { entity: 'User', id: userId });
    const [user] = await tx.query<UserRow>('UPDATE identity.app_user SET role = $3 WHERE id = $1 AND tenant_id = $2 RETURNING *', [userId, tenantId, role]);
    await recordAudit(
      tx,
      { tenantId, actor },
      { domain: 'identity', action: 'user.role-changed', target: `user:${userId}`, details: { from: before.role, to: role } },
    );
    return user!;
  });
}

/** A person changes their own password; every other session of theirs ends. */
export async function changePassword(db: Database, userId: string, keepSessionId: string, current: string, next: string): Promise<void> {
  const user = await userById(db, userId);
  if (!user || !(await verifyPassword(current, user.password_hash))) throw new HearthError('INVALID_CREDENTIALS', 'The current password is wrong.');
  checkPasswordLength(next, 'newPassword');
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE identity.app_user SET password_hash = $2 WHERE id = $1', [userId, hash]);
    await tx.query(`UPDATE identity.session SET ended_at = now(), ended_reason = 'password-changed' WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL`, [
      userId,
      keepSessionId,
    ]);
    await recordAudit(
      tx,
      { tenantId: user.tenant_id, actor: `user:${userId}` },
      { domain: 'identity', action: 'user.password-changed', target: `user:${userId}` },
    );
  });
}

export async function usersOf(db: Queryable, tenantId: string): Promise<UserRow[]> {
  return db.query<UserRow>('SELECT * FROM identity.app_user WHERE tenant_id = $1 ORDER BY lower(email)', [tenantId]);
}

export async function userById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>('SELECT * FROM identity.app_user WHERE id = $1', [id]);
  return row;
}
