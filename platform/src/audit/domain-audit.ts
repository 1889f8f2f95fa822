import type { EntityManager } from 'typeorm';
import type { CallerContext } from '../context/caller-context';
import { queryableOf } from '../db/typeorm-helpers';
import { recordAudit } from './record-audit';

/**
 * Who changes a domain's data: the caller of a request, or the company's tenant id alone for the
 * service's own writes (the demo seed, imports run by the service), which the log records as `system`.
 */
export type DomainCaller = CallerContext | string;

export const tenantOf = (by: DomainCaller): string => (typeof by === 'string' ? by : by.tenantId);

/** Records a change of `domain`'s data in the audit log, in the transaction (`em`) that makes it. */
export function auditChange(
  em: EntityManager,
  by: DomainCaller,
  domain: string,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(queryableOf(em), typeof by === 'string' ? { tenantId: by, actor: 'system' } : by, { domain, action, target, details });
}

type Fields = Record<string, unknown>;
const isGroup = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The fields that differ, each side holding only those (groups such as alarm levels field by
 * field): `{ before: { name: 'T-1' }, after: { name: 'T-2' } }`; null when nothing changed.
 */
export function changedFields(before: Fields, after: Fields): { before: Fields; after: Fields } | null {
  const was: Fields = {};
  const is: Fields = {};
  for (const key of Object.keys(after)) {
    const [from, to] = [before[key], after[key]];
    if (isGroup(from) && isGroup(to)) {
      const inner = changedFields(from, to);
      if (inner) [was[key], is[key]] = [inner.before, inner.after];
    } else if ((from ?? null) !== (to ?? null)) [was[key], is[key]] = [from ?? null, to ?? null];
  }
  return Object.keys(is).length > 0 ? { before: was, after: is } : null;
}
