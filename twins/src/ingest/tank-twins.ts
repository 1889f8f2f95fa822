import type { Queryable } from '@hearth/platform/db';
import type { TankTwinState } from '../model/tank-twin';
import { loadTankTwins } from '../store/tank-twin-store';

/** The committed state of every tank twin, in memory; only the ingest pipeline writes it. */
export class TankTwins {
  private readonly byId = new Map<string, TankTwinState>();

  async restore(db: Queryable): Promise<number> {
    for (const twin of await loadTankTwins(db)) this.byId.set(twin.tankId, twin);
    return this.byId.size;
  }

  get(tankId: string): TankTwinState | undefined {
    return this.byId.get(tankId);
  }

  set(twin: TankTwinState): void {
    this.byId.set(twin.tankId, twin);
  }

  all(): TankTwinState[] {
    return [...this.byId.values()];
  }

  behindGateway(gatewayId: string): TankTwinState[] {
    return [...this.byId.values()].filter((t) => t.gatewayId === gatewayId);
  }

  get size(): number {
    return this.byId.size;
  }
}
