import { isIP } from 'node:net';
import { keysetCount, keysetPage, type Database, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import { badInput, HearthError, isScope, notFound, type FieldProblem } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { formatApiKey, newKeyPrefix } from './credentials';
import { digest, newSecret } from './secrets';

export interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  secret_digest: Buffer;
  scopes: string[];
  expires_at: Date | null;
  allowed_origins: string[];
  allowed_ips: string[];
  rate_per_minute: number;
  daily_quota: number | null;
  trusted_documents_only: boolean;
  created_at: Date;
  revoked_at: Date | null;
  replaced_by: string | null;
  last_used_at: Date | null;
}

export interface ApiKeySettings {
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
  allowedOrigins?: string[] | null;
  allowedIps?: string[] | null;
  ratePerMinute?: number | null;
  dailyQuota?: number | null;
  trustedDocumentsOnly?: boolean | null;
}

export const DEFAULT_RATE_PER_MINUTE = 600;
const MAX_RATE_PER_MINUTE = 60_000;

/** Checks settings against the domains the API has now; keys never administer identity. */
export function checkSettings(settings: ApiKeySettings, domains: ReadonlySet<string>, now = new Date()): void {
  const problems: FieldProblem[] = [];
  if (!settings.name.trim()) problems.push({ field: 'name', message: 'must not be empty' });
  if (settings.scopes.length === 0) problems.push({ field: 'scopes', message: 'give at least one scope, e.g. tanks:read' });
  for (const scope of settings.scopes) {
    const [domain, access] = scope.split(':');
    if (!isScope(scope) || access === 'admin' || access === '*') problems.push({ field: 'scopes', message: `"${scope}" is not domain:read or domain:write` });
    else if (domain === 'identity') problems.push({ field: 'scopes', message: 'API keys cannot manage identity (users, keys, audit log)' });
    else if (domain !== '*' && !domains.has(domain!))
      problems.push({ field: 'scopes', message: `"${domain}" is not a domain of this API (${[...domains].join(', ')})` });
  }
  if (settings.expiresAt && settings.expiresAt <= now) problems.push({ field: 'expiresAt', message: 'must be in the future' });
  for (const origin of settings.allowedOrigins ?? []) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push({ field: 'allowedOrigins', message: `"${origin}" is not an origin like https://shop.example.com` });
  }
  for (const ip of settings.allowedIps ?? []) {
    const [address, bits] = ip.split('/');
    const version = isIP(address ?? '');
    const maxBits = version === 6 ? 128 : 32;
    if (!version || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits)))
      problems.push({ field: 'allowedIps', message: `"${ip}" is not an IP address or CIDR range` });
  }
  const rate = settings.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_PER_MINUTE)
    problems.push({ field: 'ratePerMinute', message: `between 1 and ${MAX_RATE_PER_MINUTE}` });
  if (settings.dailyQuota != null && (!Number.isInteger(settings.dailyQuota) || settings.dailyQuota < 1))
    problems.push({ field: 'dailyQuota', message: 'a positive whole number, or leave it out for no quota' });
  if (problems.length) throw badInput(problems);
}

export interface CreatedKey {
  key: ApiKeyRow;
  /** The whole key; shown once, never stored. */
  secret: string;
}

async function insertKey(tx: Queryable, tenantId: string, settings: ApiKeySettings, actorUserId: string | null): Promise<CreatedKey> {
  const prefix = newKeyPrefix();
  const secret = newSecret();
  const [key] = await tx.query<ApiKeyRow>(
    `INSERT INTO identity.api_key (tenant_id, name, prefix, secret_digest, scopes, expires_at, allowed_origins, allowed_ips, rate_per_minute, daily_quota,
       trusted_documents_only, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      tenantId,
      settings.name.trim(),
      prefix,
      digest(secret),
      settings.scopes,
      settings.expiresAt ?? null,
      settings.allowedOrigins ?? [],
      settings.allowedIps ?? [],
      settings.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
      settings.dailyQuota ?? null,
      settings.trustedDocumentsOnly ?? false,
      actorUserId,
    ],
  );
  return { key: key!, secret: formatApiKey(prefix, secret) };
}

const actorUserId = (actor: string) => (actor.startsWith('user:') ? actor.slice(5) : null);

export async function createApiKey(db: Database, tenantId: string, settings: ApiKeySettings, actor: string): Promise<CreatedKey> {
  return db.transaction(async (tx) => {
    const created = await insertKey(tx, tenantId, settings, actorUserId(actor));
    await recordAudit(
      tx,
      { tenantId, actor },
      {
        domain: 'identity',
        action: 'api-key.created',
        target: `apiKey:${created.key.id}`,
        details: {
          name: created.key.name,
          prefix: created.key.prefix,
          scopes: created.key.scopes,
        },
      },
    );
    return created;
  });
}

async function lockKey(tx: Queryable, tenantId: string, id: string): Promise<ApiKeyRow> {
  const [key] = await tx.query<ApiKeyRow>('SELECT * FROM identity.api_key WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [id, tenantId]);
  if (!key) throw notFound('ApiKey', id);
  return key;
}

/**
 * Issues a replacement with the same settings. With a grace period the old key keeps working
 * until it ends (so a partner can redeploy); without one it is revoked at once.
 */
export async function rotateApiKey(db: Database, tenantId: string, id: string, graceSeconds: number, actor: string, now = new Date()): Promise<CreatedKey> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > 30 * 86_400)
    throw badInput([{ field: 'graceSeconds', message: 'between 0 and 2592000 (30 days)' }]);
  return db.transaction(async (tx) => {
    const old = await lockKey(tx, tenantId, id);
    if (old.revoked_at) throw new HearthError('CONFLICT', 'A revoked key cannot be rotated; create a new one.');
    const created = await insertKey(
      tx,
      tenantId,
      {
        name: old.name,
        scopes: old.scopes,
        expiresAt: old.expires_at,
        allowedOrigins: old.allowed_origins,
        allowedIps: old.allowed_ips,
        ratePerMinute: old.rate_per_minute,
        dailyQuota: old.daily_quota,
        trustedDocumentsOnly: old.trusted_documents_only,
      },
      actorUserId(actor),
    );
    const graceEnd = new Date(now.getTime() + graceSeconds * 1000);
    if (graceSeconds === 0) await tx.query('UPDATE identity.api_key SET revoked_at = $2, replaced_by = $3 WHERE id = $1', [id, now, created.key.id]);
    else
      await tx.query('UPDATE identity.api_key SET expires_at = LEAST(COALESCE(expires_at, $2), $2), replaced_by = $3 WHERE id = $1', [
        id,
        graceEnd,
        created.key.id,
      ]);
    await recordAudit(
      tx,
      { tenantId, actor },
      { domain: 'identity', action: 'api-key.rotated', target: `apiKey:${id}`, details: { replacedBy: created.key.id, graceSeconds } },
    );
    return created;
  });
}

export async function revokeApiKey(db: Database, tenantId: string, id: string, actor: string, now = new Date()): Promise<ApiKeyRow> {
  return db.transaction(async (tx) => {
    const key = await lockKey(tx, tenantId, id);
    if (key.revoked_at) return key;
    const [revoked] = await tx.query<ApiKeyRow>('UPDATE identity.api_key SET revoked_at = $2 WHERE id = $1 RETURNING *', [id, now]);
    await recordAudit(
      tx,
      { tenantId, actor },
      { domain: 'identity', action: 'api-key.revoked', target: `apiKey:${id}`, details: { name: key.name, prefix: key.prefix } },
    );
    return revoked!;
  });
}

const apiKeysOf = (tenantId: string): KeysetQuery => ({
  select: '*',
  from: 'identity.api_key',
  where: 'tenant_id = $1',
  params: [tenantId],
  key: [
    { column: 'created_at', type: 'timestamptz' },
    { column: 'id', type: 'uuid' },
  ],
  direction: 'DESC',
});

/** How many keys the tenant has, revoked ones included (what `apiKeys` lists). */
export const countApiKeys = (db: Queryable, tenantId: string): Promise<number> => keysetCount(db, apiKeysOf(tenantId));

/** The tenant's keys, newest first, keyset-paged. */
export const apiKeysPage = (db: Queryable, tenantId: string, first: number, after?: { createdAt: Date; id: string }): Promise<ApiKeyRow[]> =>
  keysetPage(db, apiKeysOf(tenantId), first, after && [after.createdAt, after.id]);
