/**
 * The physical range of every typed metric a device may report, per device kind: the MQTT telemetry
 * contract's bounds, checked by the broker on every sample and by the edge bridge before it publishes.
 * A value outside is not a reading but a fault (a probe out of range, a unit mix-up, an attack): it is
 * refused with the sample, never stored. Far outside every range lies what the database could not
 * aggregate: `1e308` is a valid float8, but an average over it overflows, and one such row stopped the
 * continuous aggregate's refresh for every tenant (issue 10, finding 8).
 */
export type MetricRange = readonly [min: number, max: number];
export type MetricBounds = Readonly<Record<string, Readonly<Record<string, MetricRange>>>>;

/**
 * The largest magnitude any number from a device may have, typed metric or not (the open kinds'
 * extra metrics, event fields): sums of millions of such values stay exact enough and far from
 * float8's limits. The database holds the same bound as a CHECK on the sample tables, as the last
 * guard, so no configured range may go beyond it.
 */
export const STORABLE_MAGNITUDE = 1e12;

const celsius: MetricRange = [-273.15, 1_000]; // absolute zero to a fire
const gaugeKPa: MetricRange = [-101.325, 100_000]; // vacuum to 100 MPa
const heightMm: MetricRange = [0, 100_000]; // 100 m: above the tallest storage tank
const percent: MetricRange = [0, 100];
/** Fault bits: a device's 16-bit status word (0: no fault). */
const faultWord: MetricRange = [0, 0xffff];

export const defaultMetricBounds = {
  tank: { levelMm: heightMm, temperatureC: celsius, pressureKPa: gaugeKPa, waterLevelMm: heightMm, highHighSetpointMm: heightMm },
  cylinder: {
    grossKg: [0, 10_000],
    netKg: [0, 10_000],
    pressureKPa: gaugeKPa,
    temperatureC: celsius,
    latitude: [-90, 90],
    longitude: [-180, 180],
    leakPpm: [0, 1_000_000],
    batteryPct: percent,
  },
  // The running sale: 10 m³ (a tanker's fill) and ¥1,000,000 are past any one sale at a pump.
  pump: { volumeMl: [0, 10_000_000], amountMinor: [0, 100_000_000] },
  // A prepaid meter's cumulative register, kWh or m³, stored as integer milli-units (Wh, litres) within a safe integer.
  meter: { registerKwh: [0, 9_007_199_254_740], registerM3: [0, 9_007_199_254_740] },
  // Concentration of a flammable gas as a share of its lower explosive limit (GB 15322, household and industrial detectors).
  detector: { lelPercent: percent, fault: faultWord },
  valve: { fault: faultWord },
  // A cylinder filling scale's live weight: a platform scale reads a little below zero when its zero drifts.
  scale: { weightKg: [-100, 10_000] },
} as const satisfies MetricBounds;

/**
 * `tank.levelMm=0:60000,meter.registerKwh=0:999999.99`: ranges that replace the defaults of the metrics
 * named (a site's own sensors); every other metric keeps its default. Only typed metrics can be
 * bounded, and never beyond `STORABLE_MAGNITUDE`. Throws with the offending pair.
 */
export function parseMetricBounds(text: string, base: MetricBounds = defaultMetricBounds): MetricBounds {
  const result: Record<string, Record<string, MetricRange>> = Object.fromEntries(Object.entries(base).map(([kind, ranges]) => [kind, { ...ranges }]));
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)\.([A-Za-z][A-Za-z0-9_]*)=(-?[\d.]+(?:e\d+)?):(-?[\d.]+(?:e\d+)?)$/.exec(pair);
    const [, kind = '', metric = '', low = '', high = ''] = match ?? [];
    const [min, max] = [Number(low), Number(high)];
    if (!match || !result[kind]?.[metric]) throw new Error(`"${pair}" is not kind.metric=min:max for a typed metric (${describeMetrics(base)})`);
    if (!(min < max) || Math.abs(min) > STORABLE_MAGNITUDE || Math.abs(max) > STORABLE_MAGNITUDE) {
      throw new Error(`"${pair}": min must be below max, both within ±${STORABLE_MAGNITUDE}`);
    }
    result[kind]![metric] = [min, max];
  }
  return result;
}

const describeMetrics = (bounds: MetricBounds) =>
  Object.entries(bounds)
    .map(([kind, ranges]) => `${kind}: ${Object.keys(ranges).join(' ')}`)
    .join('; ');
