/**
 * Wet-stock reconciliation of an underground tank over a day: the litres its nozzles sold against
 * the litres its gauge says left it (API MPMS ch. 3.1B, automatic tank gauging; the trade's 油品损耗
 * bookkeeping, GB 11085): outflow = opening + delivered − closing, variance = outflow − sold. A
 * positive variance is fuel gone unsold (a leak, theft, a meter selling short, evaporation); a
 * negative one fuel sold that the tank did not lose (a meter selling long, a delivery missed).
 */
export interface WetStockSettings {
  /**
   * The variance allowed: `tolerancePercent` of the litres sold plus `toleranceLiters`. The percent
   * covers the meters' and the gauge's errors, which grow with throughput (a dispenser may err
   * ±0.3 %, JJG 443; a gauge's level error becomes litres with the tank's cross-section); the fixed
   * litres cover gauge resolution and temperature on a quiet day, when 0.5 % of little is nothing.
   */
  tolerancePercent: number;
  toleranceLiters: number;
  /**
   * A rise between two consecutive readings larger than this is a delivery. Without a delivery a
   * tank only loses fuel; a gauge's noise and the fuel's expansion as it warms move a reading a few
   * litres, a tanker's compartment brings thousands.
   */
  deliveryRiseLiters: number;
  /**
   * How old the last reading at or before each end of the day may be to count (a failed gauge gives
   * none). A gauge reads every few minutes, so the sales between that reading and midnight, which
   * the day's sales leave out, are few; an hour bounds the error at night's low throughput.
   */
  maxReadingAgeMs: number;
}

export const DEFAULT_WET_STOCK: WetStockSettings = { tolerancePercent: 0.5, toleranceLiters: 20, deliveryRiseLiters: 50, maxReadingAgeMs: 3_600_000 };

/** What the gauge measured over the day; null when a reading at either end is missing. */
export interface TankMeasured {
  openingLiters: number;
  closingLiters: number;
  deliveries: number;
  deliveredLiters: number;
}

export interface TankVariance {
  measuredOutflowLiters: number | null;
  varianceLiters: number | null;
  variancePercent: number | null;
  allowedVarianceLiters: number;
  exceeded: boolean | null;
}

/** The variance of a tank that sold `soldLiters`: unknown (nulls, never zero) without both readings. */
export function tankVariance(soldLiters: number, measured: TankMeasured | null, settings: WetStockSettings = DEFAULT_WET_STOCK): TankVariance {
  const allowed = (soldLiters * settings.tolerancePercent) / 100 + settings.toleranceLiters;
  if (!measured) return { measuredOutflowLiters: null, varianceLiters: null, variancePercent: null, allowedVarianceLiters: allowed, exceeded: null };
  const outflow = measured.openingLiters + measured.deliveredLiters - measured.closingLiters;
  const variance = outflow - soldLiters;
  return {
    measuredOutflowLiters: outflow,
    varianceLiters: variance,
    variancePercent: soldLiters === 0 ? null : (variance * 100) / soldLiters,
    allowedVarianceLiters: allowed,
    exceeded: Math.abs(variance) > allowed,
  };
}
