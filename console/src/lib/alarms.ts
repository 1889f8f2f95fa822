import type { Alarm, AlarmSeverity } from './api/types';

/** Most severe first; index is the rank used for sorting and comparing. */
export const SEVERITIES: readonly AlarmSeverity[] = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'];

export interface AlarmSummary {
  /** Highest severity among standing (not cleared) alarms, or null when there are none. */
  severity: AlarmSeverity | null;
  /** Codes of the standing alarms, most severe first. */
  codes: string[];
  /** True when every standing alarm has been acknowledged by an operator. */
  acknowledged: boolean;
}

/**
 * ACKNOWLEDGED alarms still stand (the condition persists, an operator has only seen it), so
 * they count towards the badge; only CLEARED ones drop out of it.
 */
export function summarizeAlarms(alarms: readonly Alarm[] | undefined): AlarmSummary {
  const standing = (alarms ?? []).filter((a) => a.state !== 'CLEARED').sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const first = standing[0];
  return {
    severity: first ? first.severity : null,
    codes: [...new Set(standing.map((a) => a.code))],
    acknowledged: standing.length > 0 && standing.every((a) => a.state === 'ACKNOWLEDGED'),
  };
}
