import { describe, expect, it } from 'vitest';
import { decideSupply, emergencyCreditDue, supplyPolicyProblem, type SupplyAction, type SupplyPolicy, type SupplyState } from './meter-supply';

const POLICY: SupplyPolicy = {
  alarm1Minor: 5_000,
  alarm2Minor: 1_000,
  emergencyCreditMinor: 0,
  emergencyRecoverySharePercent: 50,
  reconnectMinor: 2_000,
  reconnectAction: 'ALLOW_CLOSE',
  friendly: { nights: { from: '22:00', to: '07:00' }, weekends: true, holidays: true },
};
const CLOSED: SupplyState = { intended: 'CLOSED', alarmLevel: 'NONE' };
// Wednesday 2026-06-10, 10:00 in Shanghai: outside every friendly window.
const WEEKDAY_MORNING = new Date('2026-06-10T10:00:00+08:00');

/** Runs balances through decideSupply as the metering service would, one evaluation each, and lists what it did. */
function run(balances: number[], opts: { at?: (i: number) => Date; protectedSupply?: (i: number) => boolean; state?: SupplyState } = {}) {
  let state = opts.state ?? CLOSED;
  const actions: [number, SupplyAction][] = [];
  balances.forEach((balanceMinor, i) => {
    const at = opts.at?.(i) ?? WEEKDAY_MORNING;
    const r = decideSupply({ balanceMinor, policy: POLICY, state, protectedSupply: opts.protectedSupply?.(i) ?? false, at, holidays: ['2026-10-01'] });
    for (const a of r.actions) actions.push([i, a]);
    state = r.state;
  });
  return { actions, state };
}

describe('decideSupply', () => {
  it('notifies at alarm 1, alarms at alarm 2 and trips at the floor, each once as the balance falls', () => {
    const { actions, state } = run([6_000, 5_000, 4_000, 1_000, 500, 1, 0, -100, -200]);
    expect(actions).toEqual([
      [1, 'NOTIFY_ALARM1'],
      [3, 'ALARM'],
      [6, 'TRIP'],
    ]);
    expect(state).toEqual({ intended: 'OPEN', alarmLevel: 'ALARM2' });
  });

  it('emits every level crossed by one big drop, in order', () => {
    expect(run([10_000, -10_000]).actions).toEqual([
      [1, 'NOTIFY_ALARM1'],
      [1, 'ALARM'],
      [1, 'TRIP'],
    ]);
  });

  it('trips at exactly the floor (zero), not a fen above it', () => {
    expect(run([1]).actions.map(([, a]) => a)).not.toContain('TRIP');
    expect(run([0]).actions.map(([, a]) => a)).toContain('TRIP');
  });

  it('does not trip while supply is protected, and trips at the first evaluation after protection ends', () => {
    const { actions } = run([-600, -600, -600, -600], { protectedSupply: (i) => i < 2 });
    expect(actions.filter(([, a]) => a === 'TRIP')).toEqual([[2, 'TRIP']]);
  });

  it('does not trip in the night window and trips at the first evaluation after it', () => {
    const times = ['2026-06-10T23:00:00+08:00', '2026-06-11T06:59:00+08:00', '2026-06-11T07:00:00+08:00', '2026-06-11T07:15:00+08:00'];
    const { actions } = run([-600, -600, -600, -600], { at: (i) => new Date(times[i]!) });
    expect(actions.filter(([, a]) => a === 'TRIP')).toEqual([[2, 'TRIP']]);
  });

  it('does not trip on a weekend or a listed holiday', () => {
    expect(run([-600], { at: () => new Date('2026-06-13T12:00:00+08:00') }).state.intended).toBe('CLOSED');
    expect(run([-600], { at: () => new Date('2026-10-01T12:00:00+08:00') }).state.intended).toBe('CLOSED');
  });

  it('reconnects once when a top-up lifts the balance to the threshold, not below it', () => {
    const tripped: SupplyState = { intended: 'OPEN', alarmLevel: 'ALARM2' };
    const { actions, state } = run([-600, 1_999, 2_000, 2_500, 3_000], { state: tripped });
    expect(actions).toEqual([
      [1, 'ALARM_RELEASE'],
      [2, 'ALLOW_CLOSE'],
    ]);
    expect(state.intended).toBe('CLOSED');
  });

  it('reconnects with CLOSE where the policy says so, and also while protected', () => {
    const r = decideSupply({
      balanceMinor: 10_000,
      policy: { ...POLICY, reconnectAction: 'CLOSE' },
      state: { intended: 'OPEN', alarmLevel: 'ALARM2' },
      protectedSupply: true,
      at: WEEKDAY_MORNING,
    });
    expect(r).toEqual({
      actions: ['ALARM_RELEASE', 'CLOSE'],
      state: { intended: 'CLOSED', alarmLevel: 'NONE' },
      emergencyCreditMinor: 0,
      reconnectCause: 'TOP_UP',
    });
  });

  it('restores a meter already cut off when its supply is protected, with CLOSE whatever its balance and the policy', () => {
    for (const balanceMinor of [-50_000, 0, 1_999, 10_000]) {
      const r = decideSupply({ balanceMinor, policy: POLICY, state: { intended: 'OPEN', alarmLevel: 'ALARM2' }, protectedSupply: true, at: WEEKDAY_MORNING });
      expect(r.actions.filter((a) => a === 'CLOSE' || a === 'ALLOW_CLOSE')).toEqual(['CLOSE']);
      expect(r.state.intended).toBe('CLOSED');
      expect(r.reconnectCause).toBe(balanceMinor >= POLICY.reconnectMinor ? 'TOP_UP' : 'SUPPLY_PROTECTED');
    }
  });

  it('keeps a protected meter on at the floor once restored, and trips it at the first evaluation after the protection ends', () => {
    const { actions, state } = run([-600, -600, -600, -600], { state: { intended: 'OPEN', alarmLevel: 'ALARM2' }, protectedSupply: (i) => i < 2 });
    expect(actions).toEqual([
      [0, 'CLOSE'],
      [2, 'TRIP'],
    ]);
    expect(state.intended).toBe('OPEN');
  });

  it('does not reconnect an unprotected meter below the threshold', () => {
    const r = decideSupply({
      balanceMinor: 1_999,
      policy: POLICY,
      state: { intended: 'OPEN', alarmLevel: 'ALARM2' },
      protectedSupply: false,
      at: WEEKDAY_MORNING,
    });
    // Above alarm 2 the meter's alarm is released, but the relay stays open.
    expect(r.actions).toEqual(['ALARM_RELEASE']);
    expect(r.state).toEqual({ intended: 'OPEN', alarmLevel: 'ALARM1' });
  });

  it('re-arms an alarm when the balance rises above its level, and fires it again on the next descent', () => {
    const { actions } = run([4_000, 900, 1_500, 900, 6_000, 4_000]);
    expect(actions).toEqual([
      [0, 'NOTIFY_ALARM1'],
      [1, 'ALARM'],
      [2, 'ALARM_RELEASE'],
      [3, 'ALARM'],
      [4, 'ALARM_RELEASE'],
      [5, 'NOTIFY_ALARM1'],
    ]);
  });

  it('releases the meter’s alarm once when a top-up lifts the balance above alarm 2 without a trip, whether or not above alarm 1', () => {
    expect(run([900, 1_001, 1_500, 900, 800, 6_000, 7_000]).actions).toEqual([
      [0, 'NOTIFY_ALARM1'],
      [0, 'ALARM'],
      [1, 'ALARM_RELEASE'],
      [3, 'ALARM'],
      [5, 'ALARM_RELEASE'],
    ]);
    // Exactly at alarm 2 the alarm stands.
    expect(run([900, 1_000]).state.alarmLevel).toBe('ALARM2');
    const { state } = run([900, 1_200]);
    expect(state).toEqual({ intended: 'CLOSED', alarmLevel: 'ALARM1' });
  });

  it('releases the alarm before the reconnection a top-up brings, and not while a protected meter restored at the floor stays below alarm 2', () => {
    const tripped: SupplyState = { intended: 'OPEN', alarmLevel: 'ALARM2' };
    expect(run([-600, 6_000], { state: tripped }).actions).toEqual([
      [1, 'ALARM_RELEASE'],
      [1, 'ALLOW_CLOSE'],
    ]);
    const r = decideSupply({ balanceMinor: 500, policy: POLICY, state: tripped, protectedSupply: true, at: WEEKDAY_MORNING });
    expect(r).toMatchObject({ actions: ['CLOSE'], state: { intended: 'CLOSED', alarmLevel: 'ALARM2' }, reconnectCause: 'SUPPLY_PROTECTED' });
  });

  it('says no reconnection cause when nothing reconnects', () => {
    expect(decideSupply({ balanceMinor: -100, policy: POLICY, state: CLOSED, protectedSupply: false, at: WEEKDAY_MORNING }).reconnectCause).toBeNull();
  });

  it('trips exactly once and reconnects exactly once over a fall, a long stay at the floor and a top-up', () => {
    const balances = [3_000, 200, -500, -500, -800, -800, 1_000, 2_100, 2_100, 1_500, 2_100];
    const { actions } = run(balances);
    expect(actions.filter(([, a]) => a === 'TRIP')).toEqual([[2, 'TRIP']]);
    expect(actions.filter(([, a]) => a === 'ALLOW_CLOSE')).toEqual([[7, 'ALLOW_CLOSE']]);
  });
});

describe('emergency credit', () => {
  const CREDIT: SupplyPolicy = { ...POLICY, emergencyCreditMinor: 800 };
  const decide = (balanceMinor: number, outstanding: number, state: SupplyState = CLOSED) =>
    decideSupply({ balanceMinor, policy: CREDIT, state, protectedSupply: false, at: WEEKDAY_MORNING, emergencyCreditOutstandingMinor: outstanding });

  it('is granted at zero instead of the trip, when none is outstanding, and the alarms judge the balance with it', () => {
    expect(decide(1, 0).emergencyCreditMinor).toBe(0);
    const r = decide(0, 0, { intended: 'CLOSED', alarmLevel: 'ALARM2' });
    expect(r.emergencyCreditMinor).toBe(800);
    expect(r.actions).toEqual([]);
    expect(r.state).toEqual({ intended: 'CLOSED', alarmLevel: 'ALARM2' });
    expect(decide(-300, 0).emergencyCreditMinor).toBe(800);
  });

  it('trips at zero while credit is outstanding, and is not granted again', () => {
    const r = decide(0, 200, { intended: 'CLOSED', alarmLevel: 'ALARM2' });
    expect(r).toEqual({ actions: ['TRIP'], state: { intended: 'OPEN', alarmLevel: 'ALARM2' }, emergencyCreditMinor: 0, reconnectCause: null });
  });

  it('is not granted to a tripped meter, nor where it would not lift the balance above zero, nor without a policy amount', () => {
    expect(decide(0, 0, { intended: 'OPEN', alarmLevel: 'ALARM2' }).emergencyCreditMinor).toBe(0);
    const deep = decide(-800, 0);
    expect(deep.emergencyCreditMinor).toBe(0);
    expect(deep.actions).toContain('TRIP');
    expect(emergencyCreditDue({ balanceMinor: 0, policy: POLICY, intended: 'CLOSED', outstandingMinor: 0 })).toBe(0);
  });
});

describe('supplyPolicyProblem', () => {
  it('accepts a consistent policy', () => {
    expect(supplyPolicyProblem(POLICY)).toBeNull();
  });

  it('refuses alarm 1 below alarm 2, alarm 2 below the floor, reconnection at or below the floor', () => {
    expect(supplyPolicyProblem({ ...POLICY, alarm1Minor: 900 })).toMatch(/alarm1Minor/);
    expect(supplyPolicyProblem({ ...POLICY, alarm2Minor: -1 })).toMatch(/alarm2Minor/);
    expect(supplyPolicyProblem({ ...POLICY, reconnectMinor: 0 })).toMatch(/reconnectMinor/);
  });

  it('refuses a recovery share outside 0–100 or finer than a hundredth, and none where credit is lent', () => {
    expect(supplyPolicyProblem({ ...POLICY, emergencyRecoverySharePercent: 101 })).toMatch(/emergencyRecoverySharePercent/);
    expect(supplyPolicyProblem({ ...POLICY, emergencyRecoverySharePercent: 12.345 })).toMatch(/emergencyRecoverySharePercent/);
    expect(supplyPolicyProblem({ ...POLICY, emergencyCreditMinor: 500, emergencyRecoverySharePercent: 0 })).toMatch(/never repaid/);
    expect(supplyPolicyProblem({ ...POLICY, emergencyCreditMinor: 500, emergencyRecoverySharePercent: 12.5 })).toBeNull();
    expect(supplyPolicyProblem({ ...POLICY, emergencyRecoverySharePercent: 0 })).toBeNull();
  });

  it('refuses negative emergency credit, fractional amounts and a malformed or empty night window', () => {
    expect(supplyPolicyProblem({ ...POLICY, emergencyCreditMinor: -1 })).toMatch(/emergencyCreditMinor/);
    expect(supplyPolicyProblem({ ...POLICY, alarm1Minor: 10.5 })).toMatch(/alarm1Minor/);
    expect(supplyPolicyProblem({ ...POLICY, friendly: { ...POLICY.friendly, nights: { from: '22:00', to: '7:00' } } })).toMatch(/HH:MM/);
    expect(supplyPolicyProblem({ ...POLICY, friendly: { ...POLICY.friendly, nights: { from: '22:00', to: '22:00' } } })).toMatch(/differ/);
  });
});
