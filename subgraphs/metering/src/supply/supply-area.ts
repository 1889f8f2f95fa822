import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type SupplyArea = DomainArea;

export function createSupplyArea(deps: DomainDeps): SupplyArea {
  void deps;
  return { resolvers: [] };
}
