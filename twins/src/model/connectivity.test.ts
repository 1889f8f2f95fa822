import { describe, expect, it } from 'vitest';
import { isStale } from './connectivity';
import { applyGatewayStatus, emptyGatewayTwin, GATEWAY_OFFLINE, offlineAlarm, withAlarm } from './gateway-twin';
import { emptyTankTwin } from '../kinds/tank/model/tank-twin';

const t = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s));
const online = applyGatewayStatus(emptyGatewayTwin('gw-1', 'ten'), true, t(0)).state;
const tank = (lastSeen: number | null) => ({ ...emptyTankTwin('t1', 'ten'), online: true, lastSeenAt: lastSeen === null ? null : t(lastSeen) });
let ids = 0;
const newId = () => `a${++ids}`;

describe('staleness', () => {
  it('marks a device behind a live gateway stale once silent past the timeout', () => {
    expect(isStale(tank(10), online, t(39), 30_000)).toBe(false);
    expect(isStale(tank(10), online, t(41), 30_000)).toBe(true);
  });

  it('starts the clock when the gateway came back, not at the last message before the outage', () => {
    const back = applyGatewayStatus(applyGatewayStatus(online, false, t(5)).state, true, t(100)).state;
    expect(isStale(tank(1), back, t(120), 30_000)).toBe(false);
    expect(isStale(tank(1), back, t(131), 30_000)).toBe(true);
  });

  it('never calls a device stale when its gateway is offline (it is unreachable instead), nor twice', () => {
    const offline = applyGatewayStatus(online, false, t(1)).state;
    expect(isStale(tank(0), offline, t(500), 30_000)).toBe(false);
    expect(isStale({ ...tank(0), stale: true }, online, t(500), 30_000)).toBe(false);
  });
});

describe('gateway twin', () => {
  it('raises one GATEWAY_OFFLINE alarm after the gateway has been offline long enough, and clears it when it returns', () => {
    const offline = applyGatewayStatus(online, false, t(10)).state;
    expect(offlineAlarm(offline, t(20), 30_000, 6, newId)).toBeNull();
    const raised = offlineAlarm(offline, t(41), 30_000, 6, newId)!;
    expect(raised.alarm).toMatchObject({
      code: GATEWAY_OFFLINE,
      severity: 'MAJOR',
      raisedAt: t(10),
      message: 'Gateway offline: 6 devices behind it are not reporting',
    });
    const alarmed = withAlarm(offline, raised);
    expect(offlineAlarm(alarmed, t(90), 30_000, 6, newId)).toBeNull();

    const back = applyGatewayStatus(alarmed, true, t(95));
    expect(back.changes).toEqual([{ kind: 'cleared', alarm: raised.alarm, at: t(95) }]);
    expect(back.state).toMatchObject({ online: true, since: t(95), alarms: [] });
  });

  it('ignores a status that changes nothing but still counts it as contact', () => {
    const again = applyGatewayStatus(online, true, t(50));
    expect(again.changes).toEqual([]);
    expect(again.state).toMatchObject({ version: online.version, since: t(0), lastSeenAt: t(50) });
  });
});
