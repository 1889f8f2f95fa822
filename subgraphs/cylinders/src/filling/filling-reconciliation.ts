import { notFound } from '@hearth/platform';
import { isUuid, type Database } from '@hearth/platform/db';
import type { FillingReconciliation } from './filling.types';
import { tankMassAt } from './tank-outflow.store';

export interface ReconciliationSettings {
  /**
   * The variance allowed: `percent` of the tank's outflow plus `allowanceKg`. The shape is the
   * trade's for book-vs-measured inventory (DOMAIN.md, Tanks: flag a variance over 1 % of monthly
   * throughput plus a fixed allowance); a shift moves far less gas than a month, so the gauge's own
   * error (level, temperature, density) weighs more: 2 % and 20 kg by default.
   */
  percent: number;
  allowanceKg: number;
  /** How old the tank's last reading before each end of the period may be to count (1 h). */
  maxReadingAgeMs: number;
}

export const DEFAULT_RECONCILIATION: ReconciliationSettings = { percent: 2, allowanceKg: 20, maxReadingAgeMs: 3_600_000 };

/**
 * Kg the station's scales filled in [from, to) against the mass its source tank lost over the same
 * period (the last reading at or before each end). A delivery into the tank during the period would
 * show as missing outflow: reconcile periods without one. Unknown outflow (no source tank, no
 * readings, no twins tables yet) gives nulls, never a zero.
 */
export async function reconcileFilling(
  db: Database,
  settings: ReconciliationSettings,
  tenantId: string,
  stationId: string,
  from: Date,
  to: Date,
): Promise<FillingReconciliation | null> {
  // Another company's station, or none: nothing to reconcile that you may see.
  if (!isUuid(stationId)) return null;
  const [station] = await db.query<{ tankId: string | null }>(
    `SELECT source_tank_id::text AS "tankId" FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2`,
    [tenantId, stationId],
  );
  if (!station) return null;
  const [filled] = await db.query<{ kg: number }>(
    `SELECT coalesce(sum(net_kg), 0)::float8 AS kg FROM cylinders.fill_record WHERE tenant_id = $1 AND station_id = $2 AND filled_at >= $3 AND filled_at < $4`,
    [tenantId, stationId, from, to],
  );
  const filledKg = filled?.kg ?? 0;
  const result: FillingReconciliation = {
    stationId,
    sourceTankId: station.tankId,
    from,
    to,
    filledKg,
    tankOutflowKg: null,
    varianceKg: null,
    variancePercent: null,
    allowedVarianceKg: null,
    exceeded: null,
  };
  if (!station.tankId) return result;
  const start = await tankMassAt(db, tenantId, station.tankId, from, settings.maxReadingAgeMs);
  const end = start === null ? null : await tankMassAt(db, tenantId, station.tankId, to, settings.maxReadingAgeMs);
  if (start === null || end === null) return result;
  const outflow = start - end;
  const variance = outflow - filledKg;
  const allowed = (Math.abs(outflow) * settings.percent) / 100 + settings.allowanceKg;
  return {
    ...result,
    tankOutflowKg: outflow,
    varianceKg: variance,
    variancePercent: outflow === 0 ? null : (variance / outflow) * 100,
    allowedVarianceKg: allowed,
    exceeded: Math.abs(variance) > allowed,
  };
}
