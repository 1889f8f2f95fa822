import type { MeterAlarmLevel, MeteringPolicy, MeterRow, MeterTwin, RelayState } from '$lib/api/metering-types';

/**
 * How a meter stands, from its live twin where one was heard of: cut off (its relay intended or
 * reported OPEN), low (its balance at or below alarm 1 or 2), fine, or not bound to a wallet.
 * Pages show it as a coloured mark and always in words (`data-tone` for tests).
 */
export type MeterTone = 'cut' | 'alarm2' | 'alarm1' | 'ok' | 'unbound';

/** The balance to show: the twin's, as the metering service last announced it, else the wallet's as read. */
export const meterBalance = (meter: Pick<MeterRow, 'balanceMinor' | 'twin'>): number | null => meter.twin?.balanceMinor ?? meter.balanceMinor;

export const relayIntended = (meter: Pick<MeterRow, 'relayIntended' | 'twin'>): RelayState => meter.twin?.relay.intended ?? meter.relayIntended;

/** The alarm level of a balance against the policy; without the policy, the level the service last judged. */
export function alarmLevelOf(
  balanceMinor: number | null,
  policy: Pick<MeteringPolicy, 'alarm1Minor' | 'alarm2Minor'> | null,
  judged: MeterAlarmLevel,
): MeterAlarmLevel {
  if (balanceMinor === null || !policy) return judged;
  if (balanceMinor <= policy.alarm2Minor) return 'ALARM2';
  if (balanceMinor <= policy.alarm1Minor) return 'ALARM1';
  return 'NONE';
}

export function meterTone(meter: MeterRow, policy: Pick<MeteringPolicy, 'alarm1Minor' | 'alarm2Minor'> | null): MeterTone {
  if (relayIntended(meter) === 'OPEN' || meter.twin?.relay.reported === 'OPEN') return 'cut';
  const balance = meterBalance(meter);
  if (balance === null) return 'unbound';
  const level = alarmLevelOf(balance, policy, meter.alarmLevel);
  return level === 'ALARM2' ? 'alarm2' : level === 'ALARM1' ? 'alarm1' : 'ok';
}

/**
 * The meters with one meter's twin as an event reports it. A meter the page does not show is left
 * out, and an older version never replaces a newer one (events and reads may cross on the way);
 * an event of the same version still carries a balance the metering service announced since.
 */
export function withMeterTwin<T extends { id: string; twin: MeterTwin | null }>(meters: T[], meterId: string, twin: MeterTwin): T[] {
  const meter = meters.find((m) => m.id === meterId);
  if (!meter || (meter.twin && twin.version < meter.twin.version)) return meters;
  return meters.map((m) => (m === meter ? { ...m, twin } : m));
}

/** The low-balance list, lowest balance first (cut-off meters first among equals); unbound meters last. */
export function byBalance<T extends MeterRow>(meters: T[]): T[] {
  return [...meters].sort((a, b) => (meterBalance(a) ?? Infinity) - (meterBalance(b) ?? Infinity) || a.name.localeCompare(b.name));
}

/** What one meterTwinChanged subscription follows: a site's meters, one meter, or all of the company's. */
export type LiveTarget = { siteId: string } | { meterId: string } | Record<string, never>;

/**
 * The gateway holds at most 100 subscriptions a connection: the meters shown are followed by site
 * (one subscription for each site among them, one for each meter at none), and by a single
 * subscription to all of the company's meters once that would take more than `max`.
 */
export function liveTargets(meters: readonly Pick<MeterRow, 'id' | 'site'>[], max = 20): LiveTarget[] {
  const targets = new Map<string, LiveTarget>();
  for (const meter of meters) {
    if (meter.site) targets.set(`site:${meter.site.id}`, { siteId: meter.site.id });
    else targets.set(`meter:${meter.id}`, { meterId: meter.id });
  }
  return targets.size > max ? [{}] : [...targets.values()];
}

export const targetKey = (target: LiveTarget): string =>
  'siteId' in target ? `site:${target.siteId}` : 'meterId' in target ? `meter:${target.meterId}` : 'all';
