import type { Queryable } from '@hearth/platform/db';
import type { GatewayTwinState } from '../model/gateway-twin';
import { loadGatewayTwins } from '../store/gateway-twin-store';

/** The committed state of every gateway twin, in memory; only the ingest pipeline writes it. */
export class GatewayTwins {
  private readonly byId = new Map<string, GatewayTwinState>();

  async restore(db: Queryable): Promise<number> {
    for (const twin of await loadGatewayTwins(db)) this.byId.set(twin.gatewayId, twin);
    return this.byId.size;
  }

  get(gatewayId: string): GatewayTwinState | undefined {
    return this.byId.get(gatewayId);
  }

  set(twin: GatewayTwinState): void {
    this.byId.set(twin.gatewayId, twin);
  }

  all(): GatewayTwinState[] {
    return [...this.byId.values()];
  }
}
