import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type StatementArea = DomainArea;

export function createStatementArea(deps: DomainDeps): StatementArea {
  void deps;
  return { resolvers: [] };
}
