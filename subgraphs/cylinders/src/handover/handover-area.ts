import type { CylinderArea, CylinderDeps } from '../area';
import { HandoverResolver } from './handover.resolver';
import { HandoverService } from './handover.service';

/** Its TypeORM entities: none, it reads and writes with SQL in its callers' transactions. */
export const handoverEntities: Function[] = [];

/** Hand-overs (ADR 0016): cylinders to customers with deposits or on loan, take-backs with residual gas, rotation. */
export type HandoverArea = CylinderArea & { service: HandoverService };

export function createHandoverArea(deps: CylinderDeps): HandoverArea {
  const service = new HandoverService(deps.data);
  return { service, resolvers: [new HandoverResolver(service, deps.data)] };
}
