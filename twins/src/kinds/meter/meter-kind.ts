import { isUuid, type Database } from '@hearth/platform/db';
import { fleetChannel, type DeviceMessage } from '@hearth/broker';
import { applySamples } from '../apply-samples';
import { deviceOfFleetChange } from '../device-places';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { KindCore, TwinKind } from '../twin-kind';
import { defaultMeterCommandSettings, type MeterCommandSettings } from './meter-commands';
import { meterTelemetry, registerOf, type MeterTelemetry } from './meter-messages';
import {
  applyMeterTelemetry,
  desired,
  emptyMeterTwin,
  meterCommandFields,
  withdrawn,
  type MeterCommand,
  type MeterReadingRow,
  type MeterTwinState,
} from './model/meter-twin';
import { RelayKeeper } from './relay-keeper';
import { meterGraphql } from './schema/meter-graphql';
import { toMeterTwin, type MeterTwin } from './schema/meter.types';
import { MeterBalances } from './store/meter-balances';
import { MeterPlaces } from './store/meter-places';
import { insertMeterReadings, meterTwinStore } from './store/meter-store';
import { defaultSupplyActionSettings, supplyActions, type SupplyActions, type SupplyActionSettings } from './supply-actions';

export interface MeterKind extends TwinKind<MeterTwinState, MeterReadingRow> {
  readonly events: TwinEvents<MeterTwinState>;
  readonly places: MeterPlaces;
  readonly balances: MeterBalances;
  readonly supply: SupplyActions;
  readonly relays: RelayKeeper;
  /** The answer window of its commands (read when each is sent: a test may shorten it). */
  readonly settings: MeterCommandSettings;
  /** The twin as GraphQL shows it, with the meter's kind and balance. */
  view(twin: MeterTwinState): MeterTwin;
}

export interface MeterKindDeps {
  db: Database;
  commands?: Partial<MeterCommandSettings>;
  supply?: Partial<SupplyActionSettings>;
}

/**
 * Prepaid electricity and gas meters (the metering subgraph's `Meter`, DL/T 645 behind the edge):
 * telemetry is the register, the relay and what a local-prepay meter has left. Each register
 * reading is stored for the metering service, which charges it to the customer's wallet and
 * decides the supply; its decisions (`metering.supply_event`) come back as the meter's commands
 * and alarms. The relay is trusted only as far as the meter confirms it (`model/relay.ts`): a
 * command unanswered is read back, never repeated blind; a relay closed against its trip is tamper.
 */
export function meterKind(deps: MeterKindDeps): MeterKind {
  const twins = new KeyedTwins<MeterTwinState>(
    (t) => t.meterId,
    (db, each) => meterTwinStore.load(db, each),
  );
  const events = new TwinEvents<MeterTwinState>((t) => t.meterId);
  const places = new MeterPlaces(deps.db);
  const settings: MeterCommandSettings = { ...defaultMeterCommandSettings, ...deps.commands };
  // A balance that moved is news for the meter's subscribers (their twin shows it).
  const balances = new MeterBalances(deps.db, (tenantId, meterId) => {
    const twin = twins.get(meterId);
    if (twin?.tenantId === tenantId) events.publish([twin]);
  });
  const supply = supplyActions(deps.db, { ...defaultSupplyActionSettings, ...deps.supply });
  const relays = new RelayKeeper(deps.db);
  let core: KindCore | undefined;
  let stopHearingBinds: (() => Promise<void>) | undefined;

  /** The samples a meter may send: a register of its own kind (or either, while its kind is not known yet); the others are counted refused. */
  const ownRegister = (message: DeviceMessage): DeviceMessage => {
    const kindOfMeter = places.placeOf(message.tenantId, message.deviceId)?.kind;
    if (!kindOfMeter) return message;
    const other = registerOf(kindOfMeter) === 'registerKwh' ? 'registerM3' : 'registerKwh';
    const samples = message.samples.filter((s) => s.values[other] === undefined);
    const refused = message.samples.length - samples.length;
    if (refused === 0) return message;
    core?.rejections?.record({
      reason: 'MQTT_SCHEMA_VIOLATION',
      detail: `${other}: ${kindOfMeter === 'ELECTRICITY' ? 'an electricity' : 'a gas'} meter reports ${registerOf(kindOfMeter)} (${refused} sample(s) refused)`,
      count: refused,
      gatewayId: message.gatewayId,
      tenantId: message.tenantId,
      device: { kind: 'meter', deviceId: message.deviceId },
    });
    return { ...message, samples };
  };

  const kind: MeterKind = {
    kind: 'meter',
    twins,
    events,
    places,
    balances,
    supply,
    relays,
    settings,
    view: (twin) => toMeterTwin(twin, places.placeOf(twin.tenantId, twin.meterId)?.kind ?? null, balances.balanceOf(twin.tenantId, twin.meterId)),
    idOf: (twin) => twin.meterId,
    telemetry: meterTelemetry,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        // Readings are kept by `metering.meter.id`: a meter device of another id (bound before this kind existed) moves only its twin.
        const stores = isUuid(message.deviceId);
        return applySamples(
          ownRegister(message),
          batch,
          () => emptyMeterTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            // The broker let only the kind's telemetry schema through (`meterTelemetry`).
            const values = sample.values as unknown as MeterTelemetry;
            const applied = applyMeterTelemetry(twin, { ...sample, values }, origin, settings.answerWithinMs);
            if (applied.row && stores) batch.rows.push(applied.row);
            return applied.state;
          },
        );
      },
    },
    save: async (tx, changed, rows) => {
      await Promise.all([meterTwinStore.save(tx, changed), insertMeterReadings(tx, rows)]);
    },
    desire: (twin, { tenantId, deviceId, commandId, values, at }) =>
      desired(twin ?? emptyMeterTwin(deviceId, tenantId), values as unknown as MeterCommand, commandId, at),
    withdraw: withdrawn,
    commandFields: meterCommandFields,
    siteOf: (twin) => places.siteOf(twin.tenantId, twin.meterId),
    publish: (changed, origin) => {
      events.publish(changed);
      // Another instance committed these and acted on them already (ADR 0014).
      if (origin !== 'peer') relays.changed(changed);
    },
    // A meter device stands for one of the caller's meters (`metering.meter`), none until that table exists.
    asset: { entity: 'Meter', owned: (tenantId, meterId) => places.owns(tenantId, meterId) },
    graphql: (services) => meterGraphql({ ...services, kind }),
    start: async () => {
      await places.start();
      await balances.listen();
      await supply.start();
      // A meter bound to a gateway: the relay decisions it could not be sent are due now.
      stopHearingBinds = await deps.db.listen(fleetChannel, (payload) => {
        if (deviceOfFleetChange(payload, 'meter') !== null) void supply.wake();
      });
    },
    connect: (services) => {
      core = services;
      places.logTo(services.logger);
      void balances.start(services.logger);
      supply.connect(services, kind);
      relays.connect(services, kind).catch((err: unknown) => services.logger.error({ err }, 'the relays’ alarms could not be read'));
    },
    stop: async () => {
      await stopHearingBinds?.();
      await supply.stop();
      await balances.stop();
      await relays.stop();
      await places.stop();
    },
  };
  return kind;
}
