import type { BulkQueryable } from '@hearth/platform/db';
import type { TankTwinState } from './model/tank-twin';
import { loadTankTwins } from './store/tank-twin-store';
import { TankTwinColumns } from './model/tank-twin-columns';

/**
 * The committed state of every tank twin, in memory; only the ingest pipeline writes it. Kept
 * packed (a million twins restored at start must not cost a gigabyte): each read hands out a
 * new state object, each write packs the new state.
 */
export class TankTwins {
  private readonly slots = new Map<string, number>();
  private readonly columns = new TankTwinColumns();

  async restore(db: BulkQueryable): Promise<number> {
    // Into an empty set (service start) every twin is new: one map operation per twin, not two.
    const fresh = this.slots.size === 0;
    await loadTankTwins(db, (twin, alarms) => {
      const slot = fresh ? undefined : this.slots.get(twin.tankId);
      if (slot === undefined) this.slots.set(twin.tankId, this.columns.putPacked(twin, alarms));
      else this.columns.putPacked(twin, alarms, slot);
    });
    return this.slots.size;
  }

  get(tankId: string): TankTwinState | undefined {
    const slot = this.slots.get(tankId);
    return slot === undefined ? undefined : this.columns.get(slot);
  }

  set(twin: TankTwinState): void {
    const slot = this.slots.get(twin.tankId);
    if (slot === undefined) this.slots.set(twin.tankId, this.columns.add(twin));
    else this.columns.put(slot, twin);
  }

  /** Every twin, read one at a time as the caller goes (a full pass holds no copy of them all). */
  *all(): IterableIterator<TankTwinState> {
    for (let slot = 0; slot < this.columns.size; slot++) yield this.columns.get(slot);
  }

  behindGateway(gatewayId: string): TankTwinState[] {
    return this.columns.slotsBehind(gatewayId).map((slot) => this.columns.get(slot));
  }

  get size(): number {
    return this.slots.size;
  }
}
