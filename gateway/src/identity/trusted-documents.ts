import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { Database, Queryable } from '@hearth/platform/db';
import { badInput, HearthError } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';

export interface TrustedDocument {
  sha256: string;
  body: string;
  name: string | null;
  createdAt: Date;
}

export const documentHash = (body: string) => createHash('sha256').update(body).digest('hex');

/**
 * Operations a tenant registered for its keys in trusted-documents mode. Registered by the
 * SHA-256 of their exact text (what Apollo's persisted-query clients send), never changed:
 * a new version of an operation is a new document.
 */
export async function registerTrustedDocument(db: Database, tenantId: string, body: string, name: string | null, actor: string): Promise<TrustedDocument> {
  try {
    parse(body);
  } catch (err) {
    throw badInput([{ field: 'body', message: `not a GraphQL document: ${(err as Error).message}` }]);
  }
  const sha256 = documentHash(body);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ sha256: string; body: string; name: string | null; created_at: Date }>(
      `INSERT INTO identity.trusted_document (tenant_id, sha256, body, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, sha256) DO UPDATE SET name = coalesce(EXCLUDED.name, identity.trusted_document.name) RETURNING *`,
      [tenantId, sha256, body, name],
    );
    await recordAudit(tx, { tenantId, actor }, { domain: 'identity', action: 'trusted-document.registered', target: `document:${sha256}`, details: { name } });
    return { sha256: row!.sha256, body: row!.body, name: row!.name, createdAt: row!.created_at };
  });
}

export async function trustedDocumentsOf(db: Queryable, tenantId: string): Promise<TrustedDocument[]> {
  const rows = await db.query<{ sha256: string; body: string; name: string | null; created_at: Date }>(
    'SELECT * FROM identity.trusted_document WHERE tenant_id = $1 ORDER BY created_at DESC',
    [tenantId],
  );
  return rows.map((r) => ({ sha256: r.sha256, body: r.body, name: r.name, createdAt: r.created_at }));
}

/** The parts of a request that can name a document: its text, `documentId`, or an APQ hash. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: Record<string, unknown> | null;
}

const CACHE_LIMIT = 10_000;

/** Resolves the text a trusted-documents key may run; documents never change, so lookups are cached. */
export class TrustedDocuments {
  private readonly cache = new Map<string, string>();
  constructor(private readonly db: Queryable) {}

  async resolve(tenantId: string, request: DocumentRequest): Promise<string> {
    const named = request.documentId ?? (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    const text = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
    const hash = typeof named === 'string' ? named.replace(/^sha256:/, '') : text !== undefined ? documentHash(text) : undefined;
    if (!hash) throw refused();
    const key = `${tenantId}:${hash}`;
    let body = this.cache.get(key);
    if (body === undefined) {
      const [row] = await this.db.query<{ body: string }>('SELECT body FROM identity.trusted_document WHERE tenant_id = $1 AND sha256 = $2', [tenantId, hash]);
      if (!row) throw refused(hash);
      body = row.body;
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, body);
    }
    // A text sent along with a hash must be the registered one, not a different operation.
    if (text !== undefined && text !== body) throw refused(hash);
    return body;
  }
}

const refused = (hash?: string) =>
  new HearthError(
    'TRUSTED_DOCUMENT_REQUIRED',
    hash
      ? `No operation with the hash ${hash} is registered for your company.`
      : 'This key runs registered operations only: send `documentId` or `extensions.persistedQuery.sha256Hash`.',
    { ...(hash ? { sha256: hash } : {}), http: { status: 400 } },
  );
