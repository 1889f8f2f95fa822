import { describe, expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from './seeded-random';
import { decideSupply, supplyPolicyProblem, type SupplyPolicy, type SupplyState } from './meter-supply';

const WALKS = 3_000;
const HOLIDAY = '2026-06-19';
/** Friendly by the reference's own reading of Shanghai time (UTC+8 by arithmetic): nights 22:00–07:00, weekends, the holiday. */
function referenceFriendly(ms: number): boolean {
  const wall = new Date(ms + 8 * 3_600_000);
  const hour = wall.getUTCHours();
  return hour >= 22 || hour < 7 || wall.getUTCDay() === 0 || wall.getUTCDay() === 6 || wall.toISOString().startsWith(HOLIDAY);
}

describe('decideSupply over random balance walks', () => {
  it('trips once per fall to zero unless held back or lent emergency credit, reconnects once per top-up past the threshold, alarms once per descent and releases once per rise above alarm 2', () => {
    const rand = seededRandom(0x5_0991);
    const problems: string[] = [];
    let trips = 0;
    let heldBack = 0;
    let reconnects = 0;
    let grants = 0;
    let releases = 0;
    for (let w = 0; w < WALKS && problems.length < 3; w++) {
      const emergencyCreditMinor = rand.pick([0, rand.int(0, 5_000)]);
      const alarm2Minor = rand.int(0, 3_000);
      const policy: SupplyPolicy = {
        alarm1Minor: alarm2Minor + rand.int(0, 5_000),
        alarm2Minor,
        emergencyCreditMinor,
        emergencyRecoverySharePercent: rand.int(1, 100),
        reconnectMinor: rand.int(1, 8_000),
        reconnectAction: rand.pick(['ALLOW_CLOSE', 'CLOSE'] as const),
        friendly: { nights: { from: '22:00', to: '07:00' }, weekends: true, holidays: true },
      };
      if (supplyPolicyProblem(policy)) problems.push(`generated a bad policy: ${JSON.stringify(policy)}`);
      let state: SupplyState = { intended: 'CLOSED', alarmLevel: 'NONE' };
      let [armed1, armed2] = [true, true];
      // The meter's own alarm sounds (ALARM sent, no ALARM_RELEASE since).
      let sounding2 = false;
      let balance = rand.int(0, 10_000);
      // Emergency credit lent and not repaid: granted when the rules say so, repaid now and then.
      let outstanding = 0;
      let at = Date.parse('2026-06-15T00:00:00Z') + rand.int(0, 10 * 24) * 3_600_000;
      for (let i = 0; i < 30; i++) {
        // Spending, now and then a top-up — more often once the balance is negative, as customers do.
        const topUp = balance < 0 && rand.next() < 0.3;
        balance += topUp
          ? rand.int(0, 15_000)
          : rand.pick([-rand.int(0, 500), -rand.int(0, 5_000), -rand.int(0, 5_000), 0, rand.int(0, 3_000), rand.int(0, 10_000)]);
        at += rand.pick([60_000, 900_000, 3 * 3_600_000]);
        if (topUp && outstanding > 0) outstanding -= rand.int(0, outstanding);
        const protectedSupply = rand.next() < 0.15;
        const before = state;
        const r = decideSupply({
          balanceMinor: balance,
          policy,
          state,
          protectedSupply,
          at: new Date(at),
          holidays: [HOLIDAY],
          emergencyCreditOutstandingMinor: outstanding,
        });
        state = r.state;
        const expectGrant = before.intended === 'CLOSED' && outstanding === 0 && balance <= 0 && balance + emergencyCreditMinor > 0 ? emergencyCreditMinor : 0;
        if (r.emergencyCreditMinor !== expectGrant)
          problems.push(`grant ${r.emergencyCreditMinor}, expected ${expectGrant}: ${JSON.stringify({ w, i, balance, outstanding, before })}`);
        if (expectGrant > 0) grants += 1;
        balance += r.emergencyCreditMinor;
        outstanding += r.emergencyCreditMinor;
        const show = (what: string) => `${what}: ${JSON.stringify({ w, i, policy, before, balance, at: new Date(at), protectedSupply, r })}`;

        const floorReached = before.intended === 'CLOSED' && balance <= 0;
        const held = protectedSupply || referenceFriendly(at);
        const expectTrip = floorReached && !held;
        // Protected supply reconnects a meter cut off whatever its balance, with CLOSE (nobody may be there to press the button).
        const expectReconnect = before.intended === 'OPEN' && (protectedSupply || balance >= policy.reconnectMinor);
        const reconnectAction = protectedSupply ? 'CLOSE' : policy.reconnectAction;
        if (r.actions.includes('TRIP') !== expectTrip) problems.push(show(expectTrip ? 'no trip at the floor' : 'a trip not due'));
        const reconnected = r.actions.filter((a) => a === 'ALLOW_CLOSE' || a === 'CLOSE');
        if (JSON.stringify(reconnected) !== JSON.stringify(expectReconnect ? [reconnectAction] : [])) problems.push(show('reconnection wrong'));
        if (expectTrip) trips += 1;
        if (floorReached && held) heldBack += 1;
        if (expectReconnect) reconnects += 1;
        const intended = expectTrip ? 'OPEN' : expectReconnect ? 'CLOSED' : before.intended;
        if (state.intended !== intended) problems.push(show(`intended should be ${intended}`));

        // Each alarm fires when the balance reaches its level, then not again until it has been above it.
        const expect1 = balance <= policy.alarm1Minor && armed1;
        const expect2 = balance <= policy.alarm2Minor && armed2;
        armed1 = balance > policy.alarm1Minor || (armed1 && !expect1);
        armed2 = balance > policy.alarm2Minor || (armed2 && !expect2);
        // The meter's alarm is released once when the balance leaves alarm 2 upward (it had sounded and not been released since).
        const expectRelease: boolean = sounding2 && balance > policy.alarm2Minor;
        sounding2 = (sounding2 && !expectRelease) || expect2;
        if (expectRelease) releases += 1;
        if (r.actions.includes('NOTIFY_ALARM1') !== expect1 || r.actions.includes('ALARM') !== expect2) problems.push(show('alarm wrong'));
        if (r.actions.filter((a) => a === 'ALARM_RELEASE').length !== (expectRelease ? 1 : 0)) problems.push(show('alarm release wrong'));
        if ((r.state.alarmLevel === 'ALARM2') !== sounding2) problems.push(show('alarm level disagrees with the meter sounding'));
        if (expectReconnect !== (r.reconnectCause !== null)) problems.push(show('reconnection cause wrong'));
        if (expectReconnect && r.reconnectCause !== (balance >= policy.reconnectMinor ? 'TOP_UP' : 'SUPPLY_PROTECTED')) problems.push(show('cause wrong'));
        const order = ['NOTIFY_ALARM1', 'ALARM', 'ALARM_RELEASE', 'TRIP', 'ALLOW_CLOSE', 'CLOSE'].filter((a) => r.actions.includes(a as never));
        if (JSON.stringify(r.actions.filter((a) => order.includes(a))) !== JSON.stringify(order)) problems.push(show('actions out of order'));
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(trips).toBeGreaterThan(500);
    expect(heldBack).toBeGreaterThan(500);
    expect(reconnects).toBeGreaterThan(500);
    expect(grants).toBeGreaterThan(200);
    expect(releases).toBeGreaterThan(500);
  });
});
