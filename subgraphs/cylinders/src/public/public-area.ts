import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { CylinderScanResolver } from './cylinder-scan.resolver';

/** What anyone may ask without signing in: a cylinder's QR lookup. */
export function createPublicArea(deps: DomainDeps): DomainArea {
  return { resolvers: [new CylinderScanResolver(deps.db)] };
}
