import { describe, expect, it } from 'vitest';
import type { MeterRow, MeterTwin } from '$lib/api/metering-types';
import { alarmLevelOf, byBalance, liveTargets, meterBalance, meterTone, withMeterTwin } from './meter-state';

const policy = { alarm1Minor: 2_000, alarm2Minor: 500 };
const twin = (version: number, over: Partial<MeterTwin> = {}, relay: Partial<MeterTwin['relay']> = {}): MeterTwin => ({
  online: true,
  stale: false,
  lastSeenAt: null,
  version,
  registerKwh: 10,
  registerM3: null,
  observedAt: null,
  balanceMinor: null,
  remainingMoneyMinor: null,
  ...over,
  relay: {
    intended: 'CLOSED',
    reported: 'CLOSED',
    reportedAt: null,
    pendingAction: null,
    pendingSince: null,
    lastCommandStatus: null,
    unconfirmed: false,
    tamper: false,
    ...relay,
  },
});
const meter = (id: string, balanceMinor: number | null, t: MeterTwin | null = null, over: Partial<MeterRow> = {}): MeterRow => ({
  id,
  kind: 'ELECTRICITY',
  serial: '000000000001',
  name: id,
  site: null,
  customer: null,
  tariff: null,
  supplyProtected: false,
  protectedReason: null,
  protectedUntil: null,
  relayIntended: 'CLOSED',
  alarmLevel: 'NONE',
  balanceMinor,
  twin: t,
  ...over,
});

describe('how a meter stands', () => {
  it('is cut off when its relay is intended or reported open, whatever the balance', () => {
    expect(meterTone(meter('a', 5_000, twin(1, {}, { intended: 'OPEN', reported: 'CLOSED' })), policy)).toBe('cut');
    expect(meterTone(meter('a', 5_000, twin(1, {}, { reported: 'OPEN' })), policy)).toBe('cut');
    expect(meterTone(meter('a', 5_000, null, { relayIntended: 'OPEN' }), policy)).toBe('cut');
  });

  it('is low at or below alarm 1 and 2 of the policy, by the live balance when one was heard of', () => {
    expect(meterTone(meter('a', 5_000, twin(1, { balanceMinor: 2_000 })), policy)).toBe('alarm1');
    expect(meterTone(meter('a', 5_000, twin(1, { balanceMinor: 500 })), policy)).toBe('alarm2');
    expect(meterTone(meter('a', 2_001), policy)).toBe('ok');
    expect(meterTone(meter('a', null), policy)).toBe('unbound');
  });

  it('takes the level the service judged while the policy is not known', () => {
    expect(alarmLevelOf(100, null, 'ALARM1')).toBe('ALARM1');
    expect(meterTone(meter('a', 100, null, { alarmLevel: 'ALARM2' }), null)).toBe('alarm2');
  });
});

describe('withMeterTwin', () => {
  it('takes a newer (or equal: a balance announced) twin of a shown meter, never an older one, and ignores meters not shown', () => {
    const rows = [meter('a', 1_000, twin(3)), meter('b', 1_000)];
    const next = withMeterTwin(rows, 'a', twin(3, { balanceMinor: 700 }));
    expect(meterBalance(next[0]!)).toBe(700);
    expect(next[1]).toBe(rows[1]);
    expect(withMeterTwin(rows, 'a', twin(2))).toBe(rows);
    expect(withMeterTwin(rows, 'z', twin(9))).toBe(rows);
  });
});

describe('the low-balance list', () => {
  it('puts the lowest balance first and meters without a wallet last', () => {
    const rows = [meter('a', 900), meter('b', null), meter('c', -100), meter('d', 900, twin(1, { balanceMinor: 50 }))];
    expect(byBalance(rows).map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});

describe('the subscriptions the meters shown need', () => {
  const at = (site: string | null) => (site ? { id: site, name: site } : null);
  it('follows each site among them once, and each meter at none', () => {
    const rows = [meter('a', 0, null, { site: at('s1') }), meter('b', 0, null, { site: at('s1') }), meter('c', 0, null, { site: at('s2') }), meter('d', 0)];
    expect(liveTargets(rows)).toEqual([{ siteId: 's1' }, { siteId: 's2' }, { meterId: 'd' }]);
  });

  it('follows all of the company’s meters in one subscription once more would be needed than allowed', () => {
    const rows = Array.from({ length: 30 }, (_, i) => meter(`m${i}`, 0, null, { site: at(`s${i}`) }));
    expect(liveTargets(rows)).toEqual([{}]);
    expect(liveTargets(rows, 30)).toHaveLength(30);
  });
});
