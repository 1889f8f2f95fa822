import { describe, expect, it } from 'vitest';
import { emptyTankTwin, type TankTwinState } from './model/tank-twin';
import { TankTwins } from './tank-twins';

const twin = (tankId: string, gatewayId: string | null, patch: Partial<TankTwinState> = {}): TankTwinState => ({
  ...emptyTankTwin(tankId, 'tenant-a'),
  gatewayId,
  ...patch,
});

const everything = twin('t1', 'gw-1', {
  reported: { levelMm: 1834.2, temperatureC: -0.5, pressureKPa: 612, waterLevelMm: 0, inletValveOpen: true, highHighSetpointMm: 2400.25 },
  reportedAt: new Date('2026-11-21T08:00:00.001Z'),
  derived: { volumeLiters: 36_684.5, volumeAtReferenceLiters: 36_900.75, fillPercent: 73.369, massKg: 18_450.375, levelOutOfRange: 'above' },
  desired: { highHighSetpointMm: { value: 2350, commandId: 'c1', at: new Date('2026-11-21T07:00:00Z') } },
  online: true,
  stale: true,
  lastSeenAt: new Date('2026-11-21T08:00:05Z'),
  lastSeq: 2 ** 40 + 1,
  version: 2 ** 30,
  alarms: [{ id: 'a1', code: 'LEVEL_HH', severity: 'CRITICAL', state: 'ACKNOWLEDGED', message: 'HH', value: 2401, raisedAt: new Date('2026-11-21T07:59:00Z') }],
});

describe('tank twins in memory', () => {
  it('hands back every field as it was put, nulls as nulls', () => {
    const twins = new TankTwins();
    const nothing = twin('t2', null);
    const closed = twin('t3', 'gw-2', { reported: { ...nothing.reported, inletValveOpen: false }, derived: { ...nothing.derived, levelOutOfRange: 'below' } });
    for (const t of [everything, nothing, closed]) twins.set(t);
    expect([twins.get('t1'), twins.get('t2'), twins.get('t3'), twins.get('t4')]).toEqual([everything, nothing, closed, undefined]);
    expect(twins.size).toBe(3);
  });

  it('replaces a twin with its next state, dropping what the new state no longer has', () => {
    const twins = new TankTwins();
    twins.set(everything);
    const next = twin('t1', 'gw-2', { version: 7 });
    twins.set(next);
    expect(twins.get('t1')).toEqual(next);
    expect(twins.size).toBe(1);
  });

  it('finds the twins behind a gateway and goes through all of them', () => {
    const twins = new TankTwins();
    for (const [id, gw] of [
      ['t1', 'gw-1'],
      ['t2', 'gw-2'],
      ['t3', 'gw-1'],
      ['t4', null],
    ] as const)
      twins.set(twin(id, gw));
    twins.set(twin('t1', 'gw-2'));
    expect(twins.behindGateway('gw-1').map((t) => t.tankId)).toEqual(['t3']);
    expect(twins.behindGateway('gw-2').map((t) => t.tankId)).toEqual(['t1', 't2']);
    expect(twins.behindGateway('gw-9')).toEqual([]);
    expect([...twins.all()].map((t) => t.tankId)).toEqual(['t1', 't2', 't3', 't4']);
  });
});
