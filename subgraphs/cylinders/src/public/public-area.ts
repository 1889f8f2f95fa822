import type { CylinderArea, CylinderDeps } from '../area';
import { CylinderScanResolver } from './cylinder-scan.resolver';

/** What anyone may ask without signing in: a cylinder's QR lookup. */
export function createPublicArea(deps: CylinderDeps): CylinderArea {
  return { resolvers: [new CylinderScanResolver(deps.db)] };
}
