import type { Client } from '@urql/core';
import { queryData, readAll } from '$lib/api/read-all';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { errorMessage } from '$lib/api/errors';
import { DEVICE_TANKS_PAGE, DEVICES_PAGE, GATEWAYS_PAGE, OPEN_COMMANDS } from '$lib/api/fleet-queries';
import { hasScopes, TANKS_READ } from '$lib/api/scopes';
import type { DeviceTank, DeviceTanksPage, DevicesPage, GatewaysPage, OpenCommands, Viewer } from '$lib/api/types';
import { groupFleet, type GatewayGroup } from './fleet-groups';

/** Open commands read per status; more than this many in the company and the page says it shows the newest. */
const COMMANDS_READ = 200;

/**
 * Page state for /devices: every gateway with its devices, read afresh on refresh(). Refusal
 * counts live in the twins service's memory and have no event of their own, so the page reads
 * again on a timer and on request, one read at a time (an older answer never lands after a newer one).
 */
export class DeviceFleet {
  groups: GatewayGroup[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** More open commands than were read: only the newest are shown. */
  commandsTruncated = $state(false);
  loadedAt: number | null = $state(null);

  #client: Client;
  #viewer: () => Viewer | null;

  constructor(client: Client, viewer: () => Viewer | null) {
    this.#client = client;
    this.#viewer = viewer;
  }

  readonly refresh: () => Promise<void> = oneAtATime(() => this.#load());

  async #load(): Promise<void> {
    try {
      // Tank names and connectivity are the tanks domain's; a viewer without it sees ids only.
      const readTanks = hasScopes(this.#viewer(), [TANKS_READ]);
      const [gateways, devices, commands, tanks] = await Promise.all([
        readAll(this.#client, GATEWAYS_PAGE, (d: GatewaysPage) => d.gateways, 50),
        readAll(this.#client, DEVICES_PAGE, (d: DevicesPage) => d.devices, 100),
        queryData<OpenCommands>(this.#client, OPEN_COMMANDS, { first: COMMANDS_READ }),
        readTanks ? readAll(this.#client, DEVICE_TANKS_PAGE, (d: DeviceTanksPage) => d.tanks, 100) : Promise.resolve<DeviceTank[]>([]),
      ]);
      const open = [...commands.pending.edges, ...commands.sent.edges].map((e) => e.node);
      this.groups = groupFleet(gateways, devices, open, tanks, Date.now());
      this.commandsTruncated = commands.pending.totalCount > COMMANDS_READ || commands.sent.totalCount > COMMANDS_READ;
      this.status = 'ready';
      this.error = null;
      this.loadedAt = Date.now();
    } catch (err) {
      // What was loaded before stays on screen, with the error above it.
      this.error = errorMessage(err);
      if (this.status === 'loading') this.status = 'error';
    }
  }
}
