import { randomUUID } from 'node:crypto';
import type { Database } from '@hearth/platform/db';
import { applySamples } from '../apply-samples';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { TwinKind } from '../twin-kind';
import { cylinderTelemetry } from './cylinder-metrics';
import { applyCylinderSample, emptyCylinderTwin, type CylinderTwinState } from './model/cylinder-twin';
import { cylinderGraphql } from './schema/cylinder-graphql';
import { CylinderFactsStore } from './store/cylinder-facts-store';
import { isCylinderOf } from './store/cylinder-registry';
import { cylinderTwinStore, insertCylinderReadings, type CylinderReadingRow } from './store/cylinder-store';

export interface CylinderKind extends TwinKind<CylinderTwinState, CylinderReadingRow> {
  readonly events: TwinEvents<CylinderTwinState>;
  readonly facts: CylinderFactsStore;
}

/**
 * Connected cylinders (a smart base or tracker fitted to a cylinder at a restaurant, a home): the
 * device id is the cylinder's id on the cylinders registry. Telemetry is the weight on the base;
 * with the registry's facts (the spec's tare and maximum fill, the inspection and design-life
 * dates, kept current through the cylinders service's NOTIFY) the twin shows the gas left and
 * raises CYLINDER_GAS_LOW (a delivery is due), CYLINDER_EXPIRED_IN_USE (DOMAIN: expired cylinders
 * still in use) and CYLINDER_BATTERY_LOW. A registry change applies from the cylinder's next reading.
 */
export function cylinderKind(deps: { db: Database; facts?: CylinderFactsStore }): CylinderKind {
  const twins = new KeyedTwins<CylinderTwinState>(
    (t) => t.cylinderId,
    (db, each) => cylinderTwinStore.load(db, each),
  );
  const events = new TwinEvents<CylinderTwinState>((t) => t.cylinderId);
  const facts = deps.facts ?? new CylinderFactsStore(deps.db);

  const kind: CylinderKind = {
    kind: 'cylinder',
    twins,
    events,
    facts,
    idOf: (twin) => twin.cylinderId,
    telemetry: cylinderTelemetry,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const known = facts.get(message.tenantId, message.deviceId);
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        return applySamples(
          message,
          batch,
          () => emptyCylinderTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            const values = sample.values as { grossKg?: number; batteryPct?: number };
            const applied = applyCylinderSample(twin, known, { ...sample, grossKg: values.grossKg, batteryPercent: values.batteryPct }, origin, randomUUID);
            if (values.grossKg !== undefined)
              batch.rows.push({
                time: sample.ts,
                tenantId: message.tenantId,
                cylinderId: message.deviceId,
                grossKg: values.grossKg,
                batteryPercent: values.batteryPct ?? null,
                seq: sample.seq ?? null,
                receivedAt: message.receivedAt,
              });
            const siteId = known?.locationSiteId ?? null;
            for (const change of applied.changes)
              batch.alarms.push({ tenantId: message.tenantId, assetKind: 'cylinder', assetId: message.deviceId, siteId, change });
            return applied.state;
          },
        );
      },
    },
    save: async (tx, changed, rows) => {
      await Promise.all([cylinderTwinStore.save(tx, changed), insertCylinderReadings(tx, rows)]);
    },
    // At a customer it stands at none of the company's sites.
    siteOf: (twin) => facts.get(twin.tenantId, twin.cylinderId)?.locationSiteId ?? null,
    publish: (changed) => events.publish(changed),
    // A cylinder device stands for one of the caller's cylinders (`cylinders.cylinder`).
    asset: { entity: 'Cylinder', owned: (tenantId, cylinderId) => isCylinderOf(deps.db, tenantId, cylinderId) },
    graphql: (services) => cylinderGraphql({ ...services, kind }),
    // The registry's facts of the bound cylinders, kept current as they change.
    start: () => facts.start(),
    // A fact the store cannot read later (a NOTIFY's reload) is logged where the service logs.
    connect: (core) => facts.logTo(core.logger.child({ kind: 'cylinder' })),
    stop: () => facts.stop(),
  };
  return kind;
}
