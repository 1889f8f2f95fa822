import { m } from '$paraglide/messages';
import { getLocale } from '$paraglide/runtime';
import { formatMinor } from './money';

/**
 * Display formatting shared by pages, in the console's language (Intl with the active locale).
 * No thousands separators: values stay easy to read in tabular columns and easy to parse in
 * browser tests (the raw value is also on data-value); money alone is grouped (`money`). Units
 * stay SI symbols (mm, L, kg, °C, kPa), as control rooms write them in either language.
 */

const formats = new Map<string, Intl.NumberFormat>();

/** A number with exactly `digits` decimals, in the active locale. */
export function number(value: number, digits = 0): string {
  const key = `${getLocale()}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(getLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    formats.set(key, format);
  }
  return format.format(value);
}

export function fixed(value: number | null | undefined, digits: number, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${number(value, digits)} ${unit}`;
}

/** "12 sec. ago" / "12秒前", "5 min. ago", "3 hr. ago", "2 days ago"; "never" when there is no timestamp. */
export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return m.time_never();
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return m.time_unknown();
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 5) return m.time_just_now();
  const ago = new Intl.RelativeTimeFormat(getLocale(), { style: 'short' });
  if (seconds < 60) return ago.format(-seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return ago.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return ago.format(-hours, 'hour');
  return ago.format(-Math.floor(hours / 24), 'day');
}

/** Local wall-clock time, hours and minutes (24 h), for chart axes and tooltips. */
export function clockTime(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** Local wall-clock time to the second (24 h): when a figure was last read. */
export function clockTimeSeconds(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** A wait: "45 s", "4 min 30 s", "2 h 5 min" (“45 秒”, “4 分 30 秒”, “2 小时 5 分”). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return m.duration_seconds({ seconds: s });
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? m.duration_minutes_seconds({ minutes, seconds: s % 60 }) : m.duration_minutes({ minutes });
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? m.duration_hours_minutes({ hours, minutes: minutes % 60 }) : m.duration_hours({ hours });
}

/** Local date and time, to the minute or the second, in the active locale's order (24 h). */
export function dateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(d);
}

/** A gas concentration in % of the lower explosive limit: "60.0 % LEL" (the unit as control rooms write it, in either language). */
export function lel(value: number | null | undefined, digits = 1): string {
  return fixed(value, digits, '% LEL');
}

/** Money from integer minor units: "¥1,234.56", grouped as receipts and statements write it (the raw fen go on data-value). */
export function money(minor: number | null | undefined, currency = 'CNY'): string {
  if (minor === null || minor === undefined) return '—';
  return formatMinor(minor, currency, getLocale());
}

/** A volume the API counts in whole millilitres, in litres: "12.35 L" (the raw ml go on data-value). */
export function litres(ml: number | null | undefined, digits = 2): string {
  return fixed(ml === null || ml === undefined ? ml : ml / 1000, digits, 'L');
}

/** A local day, month and day in the active locale's order: "12/07" (a chart's date ticks). */
export function shortDate(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { month: '2-digit', day: '2-digit' }).format(ms);
}

/** A local month with its year: "12/2026", "2026/12" (a chart's month ticks). */
export function monthLabel(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { year: 'numeric', month: '2-digit' }).format(ms);
}
