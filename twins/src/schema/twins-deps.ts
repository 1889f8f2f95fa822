import type { Database } from '@hearth/platform/db';
import type { AlarmEvents } from '../alarms/alarm-events';
import type { AlarmService } from '../alarms/alarm.service';
import type { DesiredStateService } from '../commands/desired-state.service';
import type { GatewayTwins } from '../ingest/gateway-twins';
import type { TwinKinds } from '../kinds/twin-kind';
import type { DeviceRejections } from '../rejections/device-rejections';

/** What the core's twins resolvers read and act through (each kind brings its own: `TwinKind.graphql`). */
export interface TwinsDeps {
  db: Database;
  gateways: GatewayTwins;
  rejections: DeviceRejections;
  desiredState: DesiredStateService;
  alarms: AlarmService;
  alarmEvents: AlarmEvents;
  kinds: TwinKinds;
}
