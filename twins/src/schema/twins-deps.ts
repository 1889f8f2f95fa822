import type { Database } from '@hearth/platform/db';
import type { TankTwins } from '../ingest/tank-twins';
import type { TwinEvents } from '../ingest/twin-events';
import type { TankConfigStore } from '../store/tank-config-store';

/** What the twins resolvers read: committed twins, tank configuration, live events, history. */
export interface TwinsDeps {
  db: Database;
  twins: TankTwins;
  configs: TankConfigStore;
  events: TwinEvents;
}
