import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type StationArea = DomainArea;

export function createStationArea(deps: DomainDeps): StationArea {
  void deps;
  return { resolvers: [] };
}
