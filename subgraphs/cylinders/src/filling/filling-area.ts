import type { CylinderArea, CylinderDeps } from '../area';
import { DEFAULT_RECONCILIATION, type ReconciliationSettings } from './filling-reconciliation';
import { FillingResolver } from './filling.resolver';
import { FillingService } from './filling.service';

/** Its TypeORM entities: none (plain SQL). */
export const fillingEntities: Function[] = [];

/**
 * The channel the fill intake LISTENs on: a NOTIFY on it (the twins service's scale kind after it
 * stores fills, payload ignored) runs the intake at once instead of at its next tick.
 */
export const FILL_NOTIFY_CHANNEL = 'twins_scale_fill';

export interface FillingSettings {
  /** How often the intake reads the scales' fills (1 s). */
  intakeMs?: number;
  /** How far back each intake run reads again (5 min). */
  lookbackMs?: number;
  reconciliation?: Partial<ReconciliationSettings>;
}

export interface FillingArea extends CylinderArea {
  service: FillingService;
}

export function createFillingArea(deps: CylinderDeps, settings: FillingSettings = {}): FillingArea {
  const service = new FillingService(
    deps.db,
    {
      intake: { lookbackMs: settings.lookbackMs ?? 300_000 },
      intakeMs: settings.intakeMs ?? 1_000,
      reconciliation: { ...DEFAULT_RECONCILIATION, ...settings.reconciliation },
    },
    deps.logger,
  );
  let unlisten: (() => Promise<void>) | undefined;
  return {
    resolvers: [new FillingResolver(service)],
    service,
    start: async () => {
      unlisten = await deps.db.listen(FILL_NOTIFY_CHANNEL, () => void service.intake.run());
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
