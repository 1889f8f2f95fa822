export type AlarmSeverity = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'WARNING';
export type AlarmStateName = 'ACTIVE' | 'ACKNOWLEDGED' | 'CLEARED_UNACKNOWLEDGED' | 'CLEARED';

/** An alarm as the twin holds it while it is open (ACTIVE or ACKNOWLEDGED). */
export interface OpenAlarm {
  id: string;
  code: string;
  severity: AlarmSeverity;
  state: 'ACTIVE' | 'ACKNOWLEDGED';
  message: string;
  value: number | null;
  raisedAt: Date;
  /** Who acknowledged it, when, and what they noted (absent until someone does). */
  acknowledgedAt?: Date | null;
  acknowledgedBy?: string | null;
  acknowledgementComment?: string | null;
}

/** What a sample did to the alarms of one asset. */
export type AlarmChange = { kind: 'raised'; alarm: OpenAlarm } | { kind: 'cleared'; alarm: OpenAlarm; at: Date };

export const severityRank: Record<AlarmSeverity, number> = { CRITICAL: 4, MAJOR: 3, MINOR: 2, WARNING: 1 };

/** One order for open alarms everywhere: most severe first, then by code. */
export const byUrgency = (a: OpenAlarm, b: OpenAlarm): number => severityRank[b.severity] - severityRank[a.severity] || a.code.localeCompare(b.code);
