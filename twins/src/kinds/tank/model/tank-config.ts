import type { StrappingPoint } from '@hearth/platform/domain';
import type { LevelLimits } from './level-alarms';

/** What a tank twin needs from the tanks domain (read from the `tanks.tank_twin_config` view). */
export interface TankConfig {
  tankId: string;
  tenantId: string;
  /** The site it stands at (its alarms are recorded with it). */
  siteId: string;
  capacityLiters: number;
  maxFillPercent: number;
  densityKgPerL: number;
  referenceTemperatureC: number;
  expansionPerK: number;
  limits: LevelLimits;
  strapping: StrappingPoint[] | null;
}
