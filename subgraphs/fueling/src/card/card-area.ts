import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type CardArea = DomainArea;

export function createCardArea(deps: DomainDeps): CardArea {
  void deps;
  return { resolvers: [] };
}
