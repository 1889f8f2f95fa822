import { ownedBy } from '@hearth/platform';
import { handleTankTelemetry } from './tank-telemetry';
import type { TankTwins } from './tank-twins';
import type { TwinEvents } from '../twin-events';
import { askFor, withdraw, type TankStateValues } from './model/tank-desired';
import { emptyTankTwin } from './model/tank-twin';
import type { TankTwinState } from './model/tank-twin';
import type { TankConfigStore } from './store/tank-config-store';
import { insertTankSamples, type TankSampleRow } from './store/tank-sample-store';
import { saveTankTwins } from './store/tank-twin-store';
import type { TwinKind } from '../twin-kind';
import { tankTelemetry } from './tank-metrics';
import { tankGraphql } from './schema/tank-graphql';

export type TankKind = TwinKind<TankTwinState, TankSampleRow>;

/**
 * Storage tanks (level gauges): telemetry becomes samples in `twins.tank_sample` and the twin's
 * reported, derived and alarm state; the tanks subgraph's configuration (strapping table, density,
 * alarm levels) turns levels into volumes; desired state (inlet valve, high-high trip point) travels
 * as commands.
 */
export function tankKind(deps: { twins: TankTwins; configs: TankConfigStore; events: TwinEvents<TankTwinState> }): TankKind {
  const kind: TankKind = {
    kind: 'tank',
    twins: deps.twins,
    idOf: (twin) => twin.tankId,
    telemetry: tankTelemetry,
    handlers: {
      telemetry: (message, batch) => handleTankTelemetry(message, batch, deps.configs.get(message.deviceId)),
    },
    save: async (tx, twins, rows) => {
      await Promise.all([insertTankSamples(tx, rows), saveTankTwins(tx, twins)]);
    },
    desire: (twin, command) => {
      const current = twin ?? emptyTankTwin(command.deviceId, command.tenantId);
      return { ...current, desired: askFor(current.desired, command.values as TankStateValues, command.commandId, command.at), version: current.version + 1 };
    },
    withdraw: (twin, commandId) => {
      const desired = withdraw(twin.desired, commandId);
      return Object.keys(desired).length === Object.keys(twin.desired).length ? twin : { ...twin, desired, version: twin.version + 1 };
    },
    asset: { entity: 'Tank', owned: async (tenantId, tankId) => Boolean(ownedBy(await deps.configs.find(tankId), tenantId)) },
    graphql: (core) => tankGraphql({ ...core, ...deps, kind }),
    // The tanks subgraph's configuration (strapping tables, alarm levels), kept current as it changes.
    start: () => deps.configs.start(),
    stop: () => deps.configs.stop(),
    publish: (twins) => deps.events.publish(twins),
  };
  return kind;
}
