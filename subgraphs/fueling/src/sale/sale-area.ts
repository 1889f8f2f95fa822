import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type SaleArea = DomainArea;

export function createSaleArea(deps: DomainDeps): SaleArea {
  void deps;
  return { resolvers: [] };
}
