import { describe, expect, it } from 'vitest';
import { alarmViewQuery, defaultAlarmView, fromLocalInput, parseAlarmView, toAlarmFilter, toLocalInput } from './alarm-filter';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const view = (query: string) => parseAlarmView(new URLSearchParams(query));

describe('the alarm centre’s view in the URL', () => {
  it('shows the alarms needing attention, not shelved, without a query', () => {
    expect(view('')).toEqual(defaultAlarmView());
    expect(alarmViewQuery(defaultAlarmView())).toBe('');
    expect(toAlarmFilter(defaultAlarmView(), NOW)).toEqual({ states: ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED'], shelved: false });
  });

  it('reproduces a filtered view from its link, in one canonical order', () => {
    const filtered = { ...defaultAlarmView(), severities: ['MAJOR', 'CRITICAL'], kinds: ['DETECTOR'], siteId: 'site-1', since: '8h', shelved: true } as const;
    const query = alarmViewQuery({ ...filtered, severities: [...filtered.severities], kinds: [...filtered.kinds] });
    expect(query).toBe('severity=CRITICAL,MAJOR&kind=DETECTOR&site=site-1&since=8h&shelved=1');
    expect(view(query)).toEqual({
      ...filtered,
      severities: ['CRITICAL', 'MAJOR'],
      kinds: ['DETECTOR'],
      states: ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED'],
    });
  });

  it('tells "any state" (an empty list) from the default (no list)', () => {
    const any = { ...defaultAlarmView(), states: [] };
    expect(alarmViewQuery(any)).toBe('state=');
    expect(view('state=').states).toEqual([]);
    expect(toAlarmFilter(any, NOW)).toEqual({ shelved: false });
  });

  it('drops values it does not know rather than sending them to the gateway', () => {
    expect(view('severity=CRITICAL,LOUD&kind=SPACESHIP&since=yesterday')).toEqual({ ...defaultAlarmView(), severities: ['CRITICAL'] });
  });

  it('counts a preset back from now, and passes an instant as given', () => {
    expect(toAlarmFilter({ ...defaultAlarmView(), since: '24h' }, NOW).since).toBe('2026-02-28T08:00:00.000Z');
    expect(toAlarmFilter({ ...defaultAlarmView(), since: '2026-02-27T06:30:00.000Z' }, NOW).since).toBe('2026-02-27T06:30:00.000Z');
    expect(toAlarmFilter({ ...defaultAlarmView(), siteId: 's' }, NOW).siteIds).toEqual(['s']);
  });

  it('converts "raised since" between a local datetime field and an instant', () => {
    const iso = fromLocalInput('2026-02-27T06:30');
    expect(iso).toBe(new Date('2026-02-27T06:30').toISOString());
    expect(toLocalInput(iso)).toBe('2026-02-27T06:30');
    expect(toLocalInput('8h')).toBe('');
    expect(fromLocalInput('')).toBeNull();
  });
});
