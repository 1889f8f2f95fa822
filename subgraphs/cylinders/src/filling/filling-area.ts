import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { DEFAULT_RECONCILIATION } from './filling-reconciliation';
import { FillingResolver } from './filling.resolver';
import { FillingService } from './filling.service';

/** Its TypeORM entities: none (plain SQL). */
export const fillingEntities: Function[] = [];

/**
 * The channel the fill intake LISTENs on: a NOTIFY on it (the twins service's scale kind after it
 * stores fills, payload ignored) runs the intake at once instead of at its next tick.
 */
export const FILL_NOTIFY_CHANNEL = 'twins_scale_fill';

export interface FillingArea extends DomainArea {
  service: FillingService;
}

export function createFillingArea(deps: DomainDeps): FillingArea {
  // The intake reads the scales' fills every second (at once on their notice), each run reading the
  // last 5 minutes again for fills committed late.
  const service = new FillingService(deps.db, { intake: { lookbackMs: 300_000 }, intakeMs: 1_000, reconciliation: DEFAULT_RECONCILIATION }, deps.logger);
  let unlisten: (() => Promise<void>) | undefined;
  return {
    resolvers: [new FillingResolver(service)],
    service,
    start: async () => {
      unlisten = await deps.db.listen(FILL_NOTIFY_CHANNEL, () => void service.intake.wake());
      service.intake.start();
      // Catch up on what was stored while the service was down before waiting for the first tick.
      await service.intake.run();
    },
    stop: async () => {
      await unlisten?.();
      await service.intake.stop();
    },
  };
}
