import type { Database } from '@hearth/platform/db';
import type { TwinKinds } from '../kinds/twin-kind';
import type { DeviceRejections } from '../rejections/device-rejections';
import type { DeviceService } from './device.service';
import type { GatewayService } from './gateway.service';

/** What the fleet resolvers act through. */
export interface FleetDeps {
  db: Database;
  gateways: GatewayService;
  devices: DeviceService;
  /** Why devices' data was refused (kept by the twins service that hosts this subgraph). */
  rejections: DeviceRejections;
  /** The twin kinds, for a device's connectivity. */
  kinds: TwinKinds;
}
