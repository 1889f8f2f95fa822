import type { EntityManager } from 'typeorm';
import { auditChange, type DomainCaller } from '@hearth/platform/audit';

/** Records a change of tanks data in the audit log, in the transaction (`em`) that makes it. */
export const auditTanks = (em: EntityManager, by: DomainCaller, action: string, target: string, details: Record<string, unknown>): Promise<void> =>
  auditChange(em, by, 'tanks', action, target, details);
