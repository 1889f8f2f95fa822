import type { Database } from '@hearth/platform/db';
import { detectorKind } from './detector/detector-kind';
import type { TankTwinState } from './tank/model/tank-twin';
import { TankConfigStore } from './tank/store/tank-config-store';
import { TwinEvents } from './twin-events';
import { tankKind } from './tank/tank-kind';
import { TankTwins } from './tank/tank-twins';
import { TwinKinds } from './twin-kind';
import { valveKind } from './valve/valve-kind';
import { scaleKind } from './scale/scale-kind';
import { cylinderKind } from './cylinder/cylinder-kind';
import { pumpKind } from './pump/pump-kind';
import { meterKind } from './meter/meter-kind';

/**
 * Every twin kind this service models: the one place a kind is registered. The core (ingest,
 * connectivity, commands, restore, the subgraph) works through the registry and names none of them.
 */
export function registeredKinds(db: Database): TwinKinds {
  const tanks = tankKind({ twins: new TankTwins(), configs: new TankConfigStore(db), events: new TwinEvents<TankTwinState>((twin) => twin.tankId) });
  const valves = valveKind();
  return new TwinKinds()
    .register(tanks)
    .register(valves)
    .register(detectorKind({ db, valves }))
    .register(scaleKind({ db }))
    .register(cylinderKind({ db }))
    .register(pumpKind({ db }))
    .register(meterKind({ db }));
}
