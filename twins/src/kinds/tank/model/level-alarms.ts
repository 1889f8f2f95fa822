import type { AlarmSeverity } from '../../../model/alarm';

export interface LevelLimits {
  highHighMm: number | null;
  highMm: number | null;
  lowMm: number | null;
  lowLowMm: number | null;
  /** A level alarm clears only once the level is this far back inside its limit. */
  deadbandMm: number;
}

export interface LevelAlarmRule {
  code: 'LEVEL_HH' | 'LEVEL_H' | 'LEVEL_L' | 'LEVEL_LL';
  severity: AlarmSeverity;
  limit: keyof Omit<LevelLimits, 'deadbandMm'>;
  direction: 'high' | 'low';
  message: string;
}

/** HH stops filling (CRITICAL), LL protects pumps (MAJOR), H and L are early warnings. */
export const levelAlarmRules: readonly LevelAlarmRule[] = [
  { code: 'LEVEL_HH', severity: 'CRITICAL', limit: 'highHighMm', direction: 'high', message: 'Level above high-high: stop filling' },
  { code: 'LEVEL_H', severity: 'WARNING', limit: 'highMm', direction: 'high', message: 'Level above high' },
  { code: 'LEVEL_L', severity: 'WARNING', limit: 'lowMm', direction: 'low', message: 'Level below low: plan a delivery' },
  { code: 'LEVEL_LL', severity: 'MAJOR', limit: 'lowLowMm', direction: 'low', message: 'Level below low-low: stop drawing' },
];

/**
 * Which level alarms should be active after a reading, given which are active now.
 * Hysteresis: an alarm raises at its limit and clears only past limit ∓ deadband, so a
 * level hovering at a limit does not flap.
 */
export function activeLevelAlarms(levelMm: number, limits: LevelLimits, active: ReadonlySet<string>): Set<LevelAlarmRule['code']> {
  const next = new Set<LevelAlarmRule['code']>();
  for (const rule of levelAlarmRules) {
    const limit = limits[rule.limit];
    if (limit == null) continue;
    const isActive = active.has(rule.code);
    const beyond = rule.direction === 'high' ? levelMm >= limit : levelMm <= limit;
    const stillBeyond = rule.direction === 'high' ? levelMm > limit - limits.deadbandMm : levelMm < limit + limits.deadbandMm;
    if (beyond || (isActive && stillBeyond)) next.add(rule.code);
  }
  return next;
}

/** Overfill: fill by volume at reference temperature above the tank's maximum (LPG 85 %). */
export const OVERFILL_HYSTERESIS_PERCENT = 1;

export function overfillActive(fillAtReferencePercent: number, maxFillPercent: number, active: boolean): boolean {
  return fillAtReferencePercent > maxFillPercent || (active && fillAtReferencePercent > maxFillPercent - OVERFILL_HYSTERESIS_PERCENT);
}
