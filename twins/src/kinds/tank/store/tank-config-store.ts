import { isUuid, type Database } from '@hearth/platform/db';
import type { StrappingPoint } from '@hearth/platform/domain';
import type { TankConfig } from '../model/tank-config';

interface ConfigRow {
  id: string;
  tenant_id: string;
  site_id: string;
  capacity_liters: number;
  max_fill_percent: number;
  density_kg_per_l: number;
  reference_temperature_c: number;
  expansion_per_k: number;
  high_high_mm: number | null;
  high_mm: number | null;
  low_mm: number | null;
  low_low_mm: number | null;
  alarm_deadband_mm: number;
  strapping_points: StrappingPoint[] | null;
}

const toConfig = (r: ConfigRow): TankConfig => ({
  tankId: r.id,
  tenantId: r.tenant_id,
  siteId: r.site_id,
  capacityLiters: r.capacity_liters,
  maxFillPercent: r.max_fill_percent,
  densityKgPerL: r.density_kg_per_l,
  referenceTemperatureC: r.reference_temperature_c,
  expansionPerK: r.expansion_per_k,
  limits: { highHighMm: r.high_high_mm, highMm: r.high_mm, lowMm: r.low_mm, lowLowMm: r.low_low_mm, deadbandMm: r.alarm_deadband_mm },
  strapping: r.strapping_points,
});

/**
 * Tank configuration as the tanks domain publishes it (the `tanks.tank_twin_config` view),
 * kept in memory and refreshed per tank when the tanks service NOTIFYs a change.
 */
export class TankConfigStore {
  private readonly configs = new Map<string, TankConfig>();
  private stopListening?: () => Promise<void>;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    const rows = await this.db.query<ConfigRow>('SELECT * FROM tanks.tank_twin_config');
    for (const row of rows) this.configs.set(row.id, toConfig(row));
    this.stopListening = await this.db.listen('hearth_tank_config', (tankId) => void this.reload(tankId));
  }

  get(tankId: string): TankConfig | null {
    return this.configs.get(tankId) ?? null;
  }

  /**
   * Like `get`, but a tank not known yet is read once: one created a moment ago may be ahead of
   * its notification (fleet and desired-state requests for it must not fail).
   */
  async find(tankId: string): Promise<TankConfig | null> {
    if (this.configs.has(tankId) || !isUuid(tankId)) return this.get(tankId);
    await this.reload(tankId);
    return this.get(tankId);
  }

  all(): TankConfig[] {
    return [...this.configs.values()];
  }

  async reload(tankId: string): Promise<void> {
    const [row] = await this.db.query<ConfigRow>('SELECT * FROM tanks.tank_twin_config WHERE id = $1', [tankId]);
    if (row) this.configs.set(tankId, toConfig(row));
    else this.configs.delete(tankId);
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
  }
}
