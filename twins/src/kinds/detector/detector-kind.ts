import { randomUUID } from 'node:crypto';
import { actorOf, notFound, ownedBy, type CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { applySamples } from '../apply-samples';
import { boundGateway } from '@hearth/broker';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { KindCore, TwinKind } from '../twin-kind';
import type { ValveKind } from '../valve/valve-kind';
import { detectorTelemetry } from './detector-metrics';
import { detectorLevelsSchema, type DetectorLevels } from './model/detector-levels';
import { applyDetectorSample, emptyDetectorTwin, markDetectorSilent, type DetectorTwinState } from './model/detector-twin';
import { reopenRefusal, tripsInterlock } from './model/interlock';
import { detectorGraphql } from './schema/detector-graphql';
import { detectorTwinStore, insertDetectorReadings, type DetectorReadingRow } from './store/detector-store';
import { DetectorSettingsStore, isSiteOf, type DetectorSettings } from './store/detector-settings-store';

export interface DetectorKind extends TwinKind<DetectorTwinState, DetectorReadingRow> {
  readonly events: TwinEvents<DetectorTwinState>;
  readonly settings: DetectorSettingsStore;
  readonly valves: ValveKind;
  /** Sets a detector's alarm levels and the valve its second level closes (levels left out keep theirs). */
  configure(
    caller: CallerContext,
    detectorId: string,
    input: Partial<DetectorLevels> & { valveId?: string | null; siteId?: string | null },
  ): Promise<DetectorSettings>;
}

/**
 * Gas-leak detectors (household and industrial): telemetry carries % LEL and fault bits; the first
 * level raises a MAJOR alarm, the second a CRITICAL one that closes the detector's shut-off valve
 * (the interlock: decided here from committed state, sent as a command by the service, shown on
 * both twins). The valve opens again only on an operator's command once this detector reads below
 * its first level (an on-site reset). A detector silent past its timeout, or reporting a fault,
 * raises an alarm of its own: it no longer protects anyone.
 */
export function detectorKind(deps: { db: Database; valves: ValveKind }): DetectorKind {
  const { valves } = deps;
  const twins = new KeyedTwins<DetectorTwinState>(
    (t) => t.detectorId,
    (db, each) => detectorTwinStore.load(db, each),
  );
  const events = new TwinEvents<DetectorTwinState>((t) => t.detectorId);
  const settings = new DetectorSettingsStore(deps.db);
  let core: KindCore | undefined;
  /** Valves whose interlock command is being recorded: a burst of readings trips it once. */
  const tripping = new Set<string>();

  const interlock = (detector: DetectorTwinState): void => {
    const valveId = settings.get(detector.tenantId, detector.detectorId)?.valveId;
    if (!valveId || !core) return;
    const key = `${detector.tenantId}\u0000${valveId}`;
    if (tripping.has(key) || !tripsInterlock(detector, valves.twins.get(valveId))) return;
    tripping.add(key);
    const logger = core.logger;
    valves
      .trip(detector.tenantId, valveId, { detectorId: detector.detectorId, lelPercent: detector.lelPercent })
      .then((command) =>
        logger.warn(
          { detectorId: detector.detectorId, valveId, commandId: command.id, lelPercent: detector.lelPercent },
          'gas interlock tripped: valve closing',
        ),
      )
      .catch((err: unknown) => logger.error({ err, detectorId: detector.detectorId, valveId }, 'gas interlock could not close its valve'))
      .finally(() => tripping.delete(key));
  };

  // The valve opens again only once the detector that tripped it reads below its first level.
  valves.guardOpening((valve) => {
    const detectorId = valve.interlock?.detectorId;
    if (!detectorId) return null;
    const detector = twins.get(detectorId);
    const refusal = reopenRefusal(valve, ownedBy(detector, valve.tenantId), settings.levels(valve.tenantId, detectorId));
    return (
      refusal && {
        code: 'INTERLOCK_ACTIVE',
        message: `Valve ${valve.valveId} is held closed by its gas interlock: ${refusal.reason}.`,
        details: { detectorId: refusal.detectorId, lelPercent: refusal.lelPercent },
      }
    );
  });

  const kind: DetectorKind = {
    kind: 'detector',
    twins,
    events,
    settings,
    valves,
    idOf: (twin) => twin.detectorId,
    telemetry: detectorTelemetry,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const levels = settings.levels(message.tenantId, message.deviceId);
        const siteId = settings.get(message.tenantId, message.deviceId)?.siteId ?? null;
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        return applySamples(
          message,
          batch,
          () => emptyDetectorTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            const values = sample.values as { lelPercent?: number; fault?: number };
            const applied = applyDetectorSample(twin, levels, { ...sample, ...values }, origin, randomUUID);
            batch.rows.push({
              time: sample.ts,
              tenantId: message.tenantId,
              detectorId: message.deviceId,
              lelPercent: values.lelPercent ?? null,
              fault: values.fault ?? null,
              seq: sample.seq ?? null,
              receivedAt: message.receivedAt,
            });
            for (const change of applied.changes)
              batch.alarms.push({ tenantId: message.tenantId, assetKind: 'detector', assetId: message.deviceId, siteId, change });
            return applied.state;
          },
        );
      },
    },
    save: async (tx, changed, rows) => {
      await Promise.all([detectorTwinStore.save(tx, changed), insertDetectorReadings(tx, rows)]);
    },
    markStale: (twin, at) => markDetectorSilent(twin, at, randomUUID),
    siteOf: (twin) => settings.get(twin.tenantId, twin.detectorId)?.siteId ?? null,
    publish: (changed, origin) => {
      events.publish(changed);
      if (origin === 'peer') return;
      for (const detector of changed) interlock(detector);
    },
    start: () => settings.load(),
    connect: (services) => {
      core = services;
      // A trip the last run decided but did not record (it stopped in between) is made now.
      for (const detector of twins.all()) interlock(detector);
    },
    graphql: (services) => detectorGraphql({ ...services, kind }),

    async configure(caller, detectorId, input) {
      const { db } = deps;
      if (!(await boundGateway(db, caller.tenantId, 'detector', detectorId))) throw notFound('Detector', detectorId);
      const current = settings.levels(caller.tenantId, detectorId);
      const levels = validateInput(detectorLevelsSchema, {
        firstLel: input.firstLel ?? current.firstLel,
        secondLel: input.secondLel ?? current.secondLel,
        industrial: input.industrial ?? current.industrial,
      });
      const valveId = input.valveId === undefined ? (settings.get(caller.tenantId, detectorId)?.valveId ?? null) : input.valveId;
      if (valveId && !(await boundGateway(db, caller.tenantId, 'valve', valveId))) throw notFound('Valve', valveId);
      const siteId = input.siteId === undefined ? (settings.get(caller.tenantId, detectorId)?.siteId ?? null) : input.siteId;
      if (siteId && !(await isSiteOf(db, caller.tenantId, siteId))) throw notFound('Site', siteId);
      return settings.save({ tenantId: caller.tenantId, detectorId, ...levels, valveId, siteId, updatedBy: actorOf(caller) });
    },
  };
  return kind;
}
