import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { MeterStatementResolver } from './statement.resolver';

/** Statements: a meter's day or month, a site's month, consumption for charts, the meter's money against the ledger. */
export type StatementArea = DomainArea;

export function createStatementArea(deps: DomainDeps): StatementArea {
  return { resolvers: [new MeterStatementResolver(deps.db)] };
}
