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

/** A twin's open alarms after some changes: the cleared ones gone, the raised ones added, most urgent first. */
export function withChanges(open: OpenAlarm[], changes: AlarmChange[]): OpenAlarm[] {
  if (changes.length === 0) return open;
  const cleared = new Set(changes.filter((c) => c.kind === 'cleared').map((c) => c.alarm.id));
  return [...open.filter((a) => !cleared.has(a.id)), ...changes.filter((c) => c.kind === 'raised').map((c) => c.alarm)].sort(byUrgency);
}
