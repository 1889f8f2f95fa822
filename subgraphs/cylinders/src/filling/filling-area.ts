import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { DEFAULT_RECONCILIATION } from './filling-reconciliation';
import { FillingResolver } from './filling.resolver';
import { FillingService } from './filling.service';

/** Its TypeORM entities: none (plain SQL). */
export const fillingEntities: Function[] = [];

export interface FillingArea extends DomainArea {
  service: FillingService;
}

export function createFillingArea(deps: DomainDeps): FillingArea {
  // The intake reads the scales' fills every second (at once on their notice), each run reading the
  // last 5 minutes again for fills committed late.
  const service = new FillingService(deps.db, { intake: { lookbackMs: 300_000 }, intakeMs: 1_000, reconciliation: DEFAULT_RECONCILIATION }, deps.logger);
  return {
    resolvers: [new FillingResolver(service)],
    service,
    // Catch up on what was stored while the service was down before waiting for the first tick.
    start: () => service.intake.start(deps.logger),
    stop: () => service.intake.stop(),
  };
}
