import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { HandoverResolver } from './handover.resolver';
import { HandoverService } from './handover.service';

/** Its TypeORM entities: none, it reads and writes with SQL in its callers' transactions. */
export const handoverEntities: Function[] = [];

/** Hand-overs (ADR 0016): cylinders to customers with deposits or on loan, take-backs with residual gas, rotation. */
export type HandoverArea = DomainArea & { service: HandoverService };

export function createHandoverArea(deps: DomainDeps): HandoverArea {
  const service = new HandoverService(deps.data);
  return { service, resolvers: [new HandoverResolver(service, deps.data)] };
}
