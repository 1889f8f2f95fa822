import type { TankAlarmLevels } from '$lib/api/types';

export interface AlarmMark {
  label: 'HH' | 'H' | 'L' | 'LL';
  mm: number;
  color: string;
}

/** Outer limits (HH, LL) in the critical colour, inner ones (H, L) in the major colour. */
export function alarmMarks(levels: TankAlarmLevels): AlarmMark[] {
  const marks: [AlarmMark['label'], number | null, string][] = [
    ['HH', levels.highHighMm, 'var(--sev-critical)'],
    ['H', levels.highMm, 'var(--sev-major)'],
    ['L', levels.lowMm, 'var(--sev-major)'],
    ['LL', levels.lowLowMm, 'var(--sev-critical)'],
  ];
  return marks.flatMap(([label, mm, color]) => (mm === null ? [] : [{ label, mm, color }]));
}

/**
 * Tank height in mm, for placing the level marks on a gauge whose liquid shows fill % of
 * capacity. The API gives capacity in litres but no height, so we scale from the highest
 * configured alarm level: that level exists to guard the maximum safe fill, so we draw it at
 * maxFillPercent of the height. Exact for a vertical tank whose top alarm sits at max fill;
 * approximate for horizontal vessels (non-linear strapping). Null when no levels are set.
 */
export function estimatedHeightMm(levels: TankAlarmLevels, maxFillPercent: number): number | null {
  const highest = Math.max(...alarmMarks(levels).map((mark) => mark.mm));
  if (!Number.isFinite(highest) || highest <= 0) return null;
  const fraction = maxFillPercent > 0 && maxFillPercent <= 100 ? maxFillPercent / 100 : 1;
  return highest / fraction;
}
