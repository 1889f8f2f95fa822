import type { Database } from '@hearth/platform/db';
import type { DesiredStateService } from '../commands/desired-state.service';
import type { GatewayTwins } from '../ingest/gateway-twins';
import type { TankTwins } from '../ingest/tank-twins';
import type { TwinEvents } from '../ingest/twin-events';
import type { DeviceRejections } from '../rejections/device-rejections';
import type { TankConfigStore } from '../store/tank-config-store';

/** What the twins resolvers read and act through: committed twins, tank configuration, live events, history, commands. */
export interface TwinsDeps {
  db: Database;
  twins: TankTwins;
  gateways: GatewayTwins;
  configs: TankConfigStore;
  events: TwinEvents;
  rejections: DeviceRejections;
  desiredState: DesiredStateService;
}
