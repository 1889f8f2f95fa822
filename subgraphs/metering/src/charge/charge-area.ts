import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type ChargeArea = DomainArea;

export function createChargeArea(deps: DomainDeps): ChargeArea {
  void deps;
  return { resolvers: [] };
}
