/**
 * Anomaly rules over a settled fuel sale (DOMAIN.md, Fueling): a meter that does not continue
 * where it stopped, a sale whose money does not match its litres or its price, an unusually large
 * sale, a card swiped too often, a card at two stations farther apart than anyone could drive.
 * Pure: the fueling service gathers the context (the nozzle's previous sale, the price then, the
 * card's recent sales) and stores what comes back; an anomaly flags a sale for review, it never
 * undoes one.
 */
export interface SaleFacts {
  pumpId: string;
  /** The pump's transaction counter (IFSF's transaction sequence number): the key that makes uploads idempotent. */
  counter: number;
  cardId: string | null;
  stationId: string;
  nozzle: number;
  gradeCode: string;
  volumeMl: number;
  /** Fen per litre. */
  unitPriceMinor: number;
  amountMinor: number;
  /** The nozzle's volume totaliser (累计泵码) before and after the sale. */
  totalizerStartMl: number;
  totalizerEndMl: number;
  startedAt: Date;
  endedAt: Date;
}

export type SaleAnomaly =
  | { code: 'TOTALIZER_GAP'; expectedStartMl: number; gapMl: number }
  | { code: 'TOTALIZER_MISMATCH'; differenceMl: number }
  | { code: 'PRICE_VOLUME_MISMATCH'; expectedAmountMinor: number; differenceMinor: number }
  | { code: 'PRICE_NOT_IN_EFFECT'; effectiveUnitPriceMinor: number }
  | { code: 'LARGE_AMOUNT'; thresholdMinor: number }
  | { code: 'FREQUENT_SWIPES'; count: number; windowMinutes: number }
  | { code: 'IMPOSSIBLE_TRAVEL'; otherStationId: string; distanceKm: number; minutes: number };

export interface AnomalyRules {
  /** A sale of this amount or more is large. */
  largeAmountMinor: number;
  /** The most sales a card may make within the window unflagged; the next one is flagged. */
  swipesPerWindow: number;
  swipeWindowMinutes: number;
  /** Faster than this between two stations is impossible travel; exactly this is not. */
  maxTravelKmh: number;
  /** Totaliser differences up to this are the meter's resolution, not an anomaly. */
  totalizerToleranceMl: number;
  /** Amount differences up to this are a pump's rounding (default 1 fen); see PRICE_VOLUME_MISMATCH. */
  amountToleranceMinor?: number;
}

/**
 * Defaults until a tenant sets its own (DOMAIN.md: configurable, verify): ¥2,000 is several full
 * tanks of a car; more than 5 sales in an hour is a fleet card being lent out; 120 km/h is the
 * expressway limit (Road Traffic Safety Law implementing regulations, art. 78); 10 ml is the
 * resolution of most electronic totalisers (0.01 L).
 */
export const DEFAULT_ANOMALY_RULES: AnomalyRules = {
  largeAmountMinor: 200_000,
  swipesPerWindow: 5,
  swipeWindowMinutes: 60,
  maxTravelKmh: 120,
  totalizerToleranceMl: 10,
  amountToleranceMinor: 1,
};

export interface SaleCheckContext {
  /** The sale with the next lower counter on the same pump and nozzle, if known. */
  previousOnNozzle: { counter: number; totalizerEndMl: number } | null;
  /** The price in effect when the sale started (`priceAt`); null: unknown, not checked. */
  effectiveUnitPriceMinor: number | null;
  /** The card's other sales in the last hours, with the distance of their station from this one. */
  recentOfCard: readonly { stationId: string; endedAt: Date; distanceKm: number | null }[];
  rules: AnomalyRules;
}

/**
 * What `volumeMl` costs at `unitPriceMinor` fen per litre, rounded half up to the fen, as most
 * pumps' calculators do (the verification regulation for fuel dispensers, JJG 443-2015, tests the
 * amount shown against price × volume). Integer maths on whole litres and the rest, so nothing leaves the safe integers.
 */
export function expectedAmountMinor(volumeMl: number, unitPriceMinor: number): number {
  const litres = Math.floor(volumeMl / 1000);
  return litres * unitPriceMinor + Math.floor(((volumeMl - litres * 1000) * unitPriceMinor + 500) / 1000);
}

const MINUTE = 60_000;

/**
 * Every anomaly of a sale, in the order of the union above. Thresholds: a totaliser or volume
 * difference beyond `totalizerToleranceMl`; an amount more than `amountToleranceMinor` (1 fen)
 * from price × volume rounded half up, since pumps round by their own rule (half up, down, per
 * 10 ml display step) and any of them lands within a fen of the exact product; any price other
 * than the one in effect; an amount of `largeAmountMinor` or more; more than `swipesPerWindow`
 * sales of the card, this one included, ended within the `swipeWindowMinutes` up to this one's
 * end (a sale ended exactly that long before still counts); a trip faster than `maxTravelKmh`,
 * reporting the fastest.
 */
export function saleAnomalies(sale: SaleFacts, context: SaleCheckContext): SaleAnomaly[] {
  const { rules } = context;
  const found: SaleAnomaly[] = [];
  const previous = context.previousOnNozzle;
  if (previous !== null && previous.counter < sale.counter) {
    const gapMl = sale.totalizerStartMl - previous.totalizerEndMl;
    if (Math.abs(gapMl) > rules.totalizerToleranceMl) found.push({ code: 'TOTALIZER_GAP', expectedStartMl: previous.totalizerEndMl, gapMl });
  }
  const differenceMl = sale.totalizerEndMl - sale.totalizerStartMl - sale.volumeMl;
  if (Math.abs(differenceMl) > rules.totalizerToleranceMl) found.push({ code: 'TOTALIZER_MISMATCH', differenceMl });
  const expected = expectedAmountMinor(sale.volumeMl, sale.unitPriceMinor);
  const differenceMinor = sale.amountMinor - expected;
  if (Math.abs(differenceMinor) > (rules.amountToleranceMinor ?? 1))
    found.push({ code: 'PRICE_VOLUME_MISMATCH', expectedAmountMinor: expected, differenceMinor });
  const effective = context.effectiveUnitPriceMinor;
  if (effective !== null && effective !== sale.unitPriceMinor) found.push({ code: 'PRICE_NOT_IN_EFFECT', effectiveUnitPriceMinor: effective });
  if (sale.amountMinor >= rules.largeAmountMinor) found.push({ code: 'LARGE_AMOUNT', thresholdMinor: rules.largeAmountMinor });
  if (sale.cardId !== null) found.push(...cardAnomalies(sale, context));
  return found;
}

function cardAnomalies(sale: SaleFacts, { recentOfCard, rules }: SaleCheckContext): SaleAnomaly[] {
  const found: SaleAnomaly[] = [];
  const end = sale.endedAt.getTime();
  const window = rules.swipeWindowMinutes * MINUTE;
  const count = 1 + recentOfCard.filter((r) => r.endedAt.getTime() <= end && end - r.endedAt.getTime() <= window).length;
  if (count > rules.swipesPerWindow) found.push({ code: 'FREQUENT_SWIPES', count, windowMinutes: rules.swipeWindowMinutes });

  let fastest: { otherStationId: string; distanceKm: number; minutes: number; kmh: number } | null = null;
  for (const other of recentOfCard) {
    if (other.distanceKm === null || other.stationId === sale.stationId) continue;
    // The time the card had to travel: from the other sale's end to this one's start, or, for a
    // later sale, from this one's end to that one's end (a little generous: its start is unknown).
    const otherEnd = other.endedAt.getTime();
    const ms = Math.max(0, otherEnd <= sale.startedAt.getTime() ? sale.startedAt.getTime() - otherEnd : otherEnd - end);
    // distance / time > limit, multiplied out so that no division (and no zero time) is involved.
    if (other.distanceKm * 3_600_000 <= rules.maxTravelKmh * ms) continue;
    const kmh = ms === 0 ? Number.POSITIVE_INFINITY : (other.distanceKm * 3_600_000) / ms;
    if (fastest === null || kmh > fastest.kmh) fastest = { otherStationId: other.stationId, distanceKm: other.distanceKm, minutes: ms / MINUTE, kmh };
  }
  if (fastest !== null)
    found.push({ code: 'IMPOSSIBLE_TRAVEL', otherStationId: fastest.otherStationId, distanceKm: fastest.distanceKm, minutes: fastest.minutes });
  return found;
}

/** The great-circle distance between two points (haversine, mean Earth radius 6371.0088 km, IUGG). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
