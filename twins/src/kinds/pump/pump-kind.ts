import { randomUUID } from 'node:crypto';
import type { Database } from '@hearth/platform/db';
import { applySamples } from '../apply-samples';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { TwinKind } from '../twin-kind';
import { AnomalyAlarms, defaultAnomalyAlarmSettings, type AnomalyAlarmSettings } from './anomaly-alarms';
import { cardHostAnswers, defaultCardHostAnswerSettings, type CardHostAnswers, type CardHostAnswerSettings } from './card-host-answers';
import { handlePumpEvents } from './handlers/pump-event';
import { applyPumpTelemetry } from './model/fuel-point';
import { desired, pumpCommandFields, withdrawn, type PumpCommand } from './model/pump-decisions';
import { emptyPumpTwin, type PumpTwinState } from './model/pump-twin';
import { pumpEvents, pumpTelemetry, type PumpTelemetry } from './pump-messages';
import { defaultPriceBoardSettings, PriceBoard, type PriceBoardSettings } from './price-board';
import { pumpGraphql } from './schema/pump-graphql';
import { PumpPlaces } from './store/pump-places';
import { insertPumpRows, pumpTwinStore, type PumpRow } from './store/pump-store';

export interface PumpKind extends TwinKind<PumpTwinState, PumpRow> {
  readonly events: TwinEvents<PumpTwinState>;
  readonly places: PumpPlaces;
  readonly answers: CardHostAnswers;
  readonly prices: PriceBoard;
  readonly anomalies: AnomalyAlarms;
}

export interface PumpKindDeps {
  db: Database;
  answers?: Partial<CardHostAnswerSettings>;
  prices?: Partial<PriceBoardSettings>;
  anomalies?: Partial<AnomalyAlarmSettings>;
}

/**
 * Fuel pumps at IC-card stations (IFSF fuelling points; the fueling subgraph's `Pump`): telemetry is
 * the IFSF state and the sale in progress; a card read (AUTH_REQUEST) and a finished sale
 * (TRANSACTION) are stored for the fueling service, which decides the read as the card host and
 * settles the sale; its decision comes back through `fueling.authorization` and goes down as an
 * AUTHORIZE or REFUSE command. Price changes go down as SET_PRICES when their time comes. Dispensing
 * without an AUTHORIZE, and a sale that does not start where the nozzle's last one ended, raise
 * alarms; so does each anomaly the fueling service finds on a settled sale.
 */
export function pumpKind(deps: PumpKindDeps): PumpKind {
  const twins = new KeyedTwins<PumpTwinState>(
    (t) => t.pumpId,
    (db, each) => pumpTwinStore.load(db, each),
  );
  const events = new TwinEvents<PumpTwinState>((t) => t.pumpId);
  const places = new PumpPlaces(deps.db);
  const answers = cardHostAnswers(deps.db, { ...defaultCardHostAnswerSettings, ...deps.answers });
  const prices = new PriceBoard(deps.db, { ...defaultPriceBoardSettings, ...deps.prices });
  const anomalies = new AnomalyAlarms(deps.db, { ...defaultAnomalyAlarmSettings, ...deps.anomalies });

  const kind: PumpKind = {
    kind: 'pump',
    twins,
    events,
    places,
    answers,
    prices,
    anomalies,
    idOf: (twin) => twin.pumpId,
    telemetry: pumpTelemetry,
    eventSchema: pumpEvents,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        return applySamples(
          message,
          batch,
          () => emptyPumpTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            // The broker let only the kind's telemetry schema through (`pumpTelemetry`).
            const applied = applyPumpTelemetry(twin, { ...sample, values: sample.values as unknown as PumpTelemetry }, origin, randomUUID);
            const siteId = places.stationOf(message.tenantId, message.deviceId);
            for (const change of applied.changes)
              batch.alarms.push({ tenantId: message.tenantId, assetKind: 'pump', assetId: message.deviceId, siteId, change });
            return applied.state;
          },
        );
      },
      event: (message, batch) => handlePumpEvents(message, batch, (tenantId, pumpId) => places.stationOf(tenantId, pumpId)),
    },
    save: async (tx, changed, rows) => {
      await Promise.all([pumpTwinStore.save(tx, changed), insertPumpRows(tx, rows)]);
    },
    desire: (twin, { tenantId, deviceId, commandId, values, at }) =>
      desired(twin ?? emptyPumpTwin(deviceId, tenantId), values as unknown as PumpCommand, commandId, at),
    withdraw: withdrawn,
    commandFields: pumpCommandFields,
    siteOf: (twin) => places.stationOf(twin.tenantId, twin.pumpId),
    publish: (changed) => events.publish(changed),
    // A pump device stands for one of the caller's pumps (`fueling.pump`), none until that table exists.
    asset: { entity: 'Pump', owned: (tenantId, pumpId) => places.owns(tenantId, pumpId) },
    graphql: (services) => pumpGraphql({ ...services, kind }),
    start: async () => {
      await places.start();
      await answers.start();
      await prices.start();
    },
    connect: (core) => {
      places.logTo(core.logger);
      answers.connect(core, kind);
      prices.connect(core, kind);
      anomalies.connect(core.logger, core.alarms);
    },
    stop: async () => {
      await anomalies.stop();
      await prices.stop();
      await answers.stop();
      await places.stop();
    },
  };
  return kind;
}
