import type { Database } from '@hearth/platform/db';
import type { DeviceService } from './device.service';
import type { GatewayService } from './gateway.service';

/** What the fleet resolvers act through. */
export interface FleetDeps {
  db: Database;
  gateways: GatewayService;
  devices: DeviceService;
}
