import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { applySamples } from '../apply-samples';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { KindCore, TwinKind } from '../twin-kind';
import { handleScaleEvents } from './handlers/scale-event';
import { decideFilling, type FillingDecision, type RegistryAnswer } from './model/filling-decision';
import { applyWeight, decided, emptyScaleTwin, withdrawn, type ScaleTwinState, type TagRead } from './model/scale-twin';
import { scaleEvents, scaleTelemetry } from './scale-messages';
import { scaleGraphql } from './schema/scale-graphql';
import { isFillingScaleOf, readFillingRegistry } from './store/filling-registry';
import { insertScaleFills, scaleTwinStore, type ScaleFillRow } from './store/scale-store';

export interface ScaleKind extends TwinKind<ScaleTwinState, ScaleFillRow> {
  readonly events: TwinEvents<ScaleTwinState>;
  /** Resolves once no tag read is being decided (tests, shutdown). */
  idle(): Promise<void>;
}

/** Who sends the interlock's commands (recorded on each command and audit entry). */
export const FILLING_INTERLOCK = 'filling-interlock';

/**
 * Cylinder filling scales with their tag readers (ADR 0016): telemetry is the live weight; a tag
 * read is decided after its batch commits from the committed registry (the cylinders service's
 * views) and answered with a RELEASE or LOCK command by the service, audited; a fill is judged
 * against the interlock as it stood (bypass, overfill), stored in `twins.scale_fill`, and locks
 * the scale again.
 */
export function scaleKind(deps: { db: Database }): ScaleKind {
  const twins = new KeyedTwins<ScaleTwinState>(
    (t) => t.scaleId,
    (db, each) => scaleTwinStore.load(db, each),
  );
  const events = new TwinEvents<ScaleTwinState>((t) => t.scaleId);
  let core: KindCore | undefined;
  /** Scales with a decision in flight: one at a time per scale, so commands go out in the order the tags were read. */
  const deciding = new Map<string, Promise<void>>();

  const decide = (scale: ScaleTwinState): void => {
    const read = scale.pendingRead;
    const key = `${scale.tenantId}\u0000${scale.scaleId}`;
    // A read taken in meanwhile is decided when the one in flight ends (below).
    if (!read || !core || deciding.has(key)) return;
    const { db, desiredState, logger } = core;
    const log = logger.child({ tenantId: scale.tenantId, deviceId: scale.scaleId });
    const run = (async () => {
      const now = new Date();
      let answer: RegistryAnswer;
      try {
        answer = await readFillingRegistry(db, scale.tenantId, scale.scaleId, read.tag);
      } catch (err) {
        log.error({ err, tag: read.tag }, 'the cylinder registry could not be read: locking the scale');
        answer = { unavailable: true };
      }
      const decision = decideFilling(answer, read, now, (twins.get(scale.scaleId) ?? scale).lastFill);
      const command = await desiredState.request(interlockCaller(scale.tenantId), kind, {
        deviceId: scale.scaleId,
        values: { ...decision },
        audit: {
          domain: 'twins',
          action: decision.action === 'RELEASE' ? 'filling.released' : 'filling.locked',
          target: `scale:${scale.scaleId}`,
          details: { tag: decision.tag, cylinderId: decision.cylinderId, reason: decision.reason },
        },
      });
      log.debug({ commandId: command.id, tag: read.tag, action: decision.action, reason: decision.reason }, 'filling interlock decided a tag read');
    })()
      .catch((err: unknown) => log.error({ err, tag: read.tag }, 'the filling interlock could not send its decision'))
      .finally(() => {
        deciding.delete(key);
        const now = twins.get(scale.scaleId);
        // Never the same read again: a request that failed is not retried in a loop (the next read decides).
        if (now && now.tenantId === scale.tenantId && now.pendingRead && !sameRead(now.pendingRead, read)) decide(now);
      });
    deciding.set(key, run);
  };

  const kind: ScaleKind = {
    kind: 'scale',
    twins,
    events,
    idOf: (twin) => twin.scaleId,
    telemetry: scaleTelemetry,
    eventSchema: scaleEvents,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        return applySamples(
          message,
          batch,
          () => emptyScaleTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            const applied = applyWeight(twin, { ...sample, weightKg: sample.values.weightKg as number | undefined }, origin);
            for (const change of applied.changes)
              batch.alarms.push({ tenantId: message.tenantId, assetKind: 'scale', assetId: message.deviceId, siteId: twin.stationId, change });
            return applied.state;
          },
        );
      },
      event: handleScaleEvents,
    },
    save: async (tx, changed, rows) => {
      await Promise.all([scaleTwinStore.save(tx, changed), insertScaleFills(tx, rows)]);
    },
    desire: (twin, { tenantId, deviceId, commandId, values, at }) =>
      decided(twin ?? emptyScaleTwin(deviceId, tenantId), values as unknown as FillingDecision, commandId, at),
    withdraw: withdrawn,
    // The device's payload (ADR 0016): `{ "id", "action": "LOCK" | "RELEASE", "cylinderId", "reason" }`; reason is null for a release.
    commandFields: (desired) => ('action' in desired ? { action: desired.action, cylinderId: desired.cylinderId ?? null, reason: desired.reason ?? null } : {}),
    siteOf: (twin) => twin.stationId,
    publish: (changed, origin) => {
      events.publish(changed);
      if (origin === 'peer') return;
      for (const scale of changed) decide(scale);
    },
    connect: (services) => {
      core = services;
      // A read the last run took in but did not decide (it stopped in between) is decided now.
      for (const scale of twins.all()) decide(scale);
    },
    // A scale device stands for one of the caller's filling scales (`cylinders.filling_scale`).
    asset: { entity: 'FillingScale', owned: (tenantId, scaleId) => isFillingScaleOf(deps.db, tenantId, scaleId) },
    graphql: (services) => scaleGraphql({ ...services, kind }),

    async idle() {
      while (deciding.size > 0) await Promise.all([...deciding.values()]);
    },
  };
  return kind;
}

const interlockCaller = (tenantId: string): CallerContext => ({
  tenantId,
  requestId: randomUUID(),
  principal: { kind: 'service', id: FILLING_INTERLOCK },
  scopes: [],
});

const sameRead = (a: TagRead, b: TagRead) => a.tag === b.tag && a.at.getTime() === b.at.getTime();
