import { describe, expect, it } from 'vitest';
import { decideSupply, supplyPolicyProblem, type SupplyAction, type SupplyPolicy, type SupplyState } from './meter-supply';

const POLICY: SupplyPolicy = {
  alarm1Minor: 5_000,
  alarm2Minor: 1_000,
  emergencyCreditMinor: 500,
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
    const { actions, state } = run([6_000, 5_000, 4_000, 1_000, 500, 0, -500, -600, -700]);
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

  it('trips at exactly the floor (−emergency credit), not a fen above it', () => {
    expect(run([-499]).actions.map(([, a]) => a)).not.toContain('TRIP');
    expect(run([-500]).actions.map(([, a]) => a)).toContain('TRIP');
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
    expect(actions).toEqual([[2, 'ALLOW_CLOSE']]);
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
    expect(r).toEqual({ actions: ['CLOSE'], state: { intended: 'CLOSED', alarmLevel: 'NONE' } });
  });

  it('re-arms an alarm when the balance rises above its level, and fires it again on the next descent', () => {
    const { actions } = run([4_000, 900, 1_500, 900, 6_000, 4_000]);
    expect(actions).toEqual([
      [0, 'NOTIFY_ALARM1'],
      [1, 'ALARM'],
      [3, 'ALARM'],
      [5, 'NOTIFY_ALARM1'],
    ]);
  });

  it('trips exactly once and reconnects exactly once over a fall, a long stay at the floor and a top-up', () => {
    const balances = [3_000, 200, -500, -500, -800, -800, 1_000, 2_100, 2_100, 1_500, 2_100];
    const { actions } = run(balances);
    expect(actions.filter(([, a]) => a === 'TRIP')).toEqual([[2, 'TRIP']]);
    expect(actions.filter(([, a]) => a === 'ALLOW_CLOSE')).toEqual([[7, 'ALLOW_CLOSE']]);
  });
});

describe('supplyPolicyProblem', () => {
  it('accepts a consistent policy', () => {
    expect(supplyPolicyProblem(POLICY)).toBeNull();
  });

  it('refuses alarm 1 below alarm 2, alarm 2 below the floor, reconnection at or below the floor', () => {
    expect(supplyPolicyProblem({ ...POLICY, alarm1Minor: 900 })).toMatch(/alarm1Minor/);
    expect(supplyPolicyProblem({ ...POLICY, alarm2Minor: -501 })).toMatch(/alarm2Minor/);
    expect(supplyPolicyProblem({ ...POLICY, reconnectMinor: -500 })).toMatch(/reconnectMinor/);
  });

  it('refuses negative emergency credit, fractional amounts and a malformed or empty night window', () => {
    expect(supplyPolicyProblem({ ...POLICY, emergencyCreditMinor: -1 })).toMatch(/emergencyCreditMinor/);
    expect(supplyPolicyProblem({ ...POLICY, alarm1Minor: 10.5 })).toMatch(/alarm1Minor/);
    expect(supplyPolicyProblem({ ...POLICY, friendly: { ...POLICY.friendly, nights: { from: '22:00', to: '7:00' } } })).toMatch(/HH:MM/);
    expect(supplyPolicyProblem({ ...POLICY, friendly: { ...POLICY.friendly, nights: { from: '22:00', to: '22:00' } } })).toMatch(/differ/);
  });
});
