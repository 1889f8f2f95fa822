/**
 * The trade's calendar day (YYYY-MM-DD): cylinders' days (flows, shift totals, inspection dates) are
 * days in China, wherever the browser is; as the cylinders service counts them.
 */
export const TRADE_TIME_ZONE = 'Asia/Shanghai';

// en-CA prints dates as YYYY-MM-DD.
const format = new Intl.DateTimeFormat('en-CA', { timeZone: TRADE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function tradeDay(at: number | Date = Date.now()): string {
  return format.format(at);
}

/** The first instant of a trade day: China keeps UTC+8 all year (no daylight saving since 1991). */
export function tradeDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}
