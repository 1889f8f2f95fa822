import type { Database } from '@hearth/platform/db';
import type { DesiredStateService } from '../commands/desired-state.service';
import type { GatewayTwins } from '../ingest/gateway-twins';
import type { TankTwins } from '../kinds/tank/tank-twins';
import type { TankEvents } from '../kinds/tank/tank-events';
import type { DeviceRejections } from '../rejections/device-rejections';
import type { TankConfigStore } from '../kinds/tank/store/tank-config-store';

/** What the twins resolvers read and act through: committed twins, tank configuration, live events, history, commands. */
export interface TwinsDeps {
  db: Database;
  twins: TankTwins;
  gateways: GatewayTwins;
  configs: TankConfigStore;
  events: TankEvents;
  rejections: DeviceRejections;
  desiredState: DesiredStateService;
}
