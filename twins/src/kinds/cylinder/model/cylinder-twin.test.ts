import { describe, expect, it } from 'vitest';
import { expiryOf, remainingGas, type CylinderFacts } from './cylinder-facts';
import { applyCylinderSample, emptyCylinderTwin, type CylinderSample, type CylinderTwinState } from './cylinder-twin';

const tenantId = '00000000-0000-4000-8000-000000000001';
// YSP35.5: 15 kg tare, 14.5 kg maximum fill.
const facts = (over: Partial<CylinderFacts> = {}): CylinderFacts => ({
  cylinderId: 'c-1',
  tenantId,
  state: 'AT_CUSTOMER',
  locationSiteId: null,
  holderCustomerId: 'cust-1',
  lastFilledAt: null,
  lastNetKg: 14.5,
  nextInspectionDue: '2030-01-01',
  designLifeEnds: '2032-12-31',
  specCode: 'YSP35.5',
  nominalTareKg: 15,
  maxFillKg: 14.5,
  ...over,
});

let ids = 0;
let clock = Date.parse('2026-03-10T02:00:00Z');
const origin = () => ({ gatewayId: 'gw-1', receivedAt: new Date((clock += 60_000)) });
function apply(state: CylinderTwinState, sample: Omit<CylinderSample, 'ts'>, known: CylinderFacts | null = facts()) {
  const at = origin();
  return applyCylinderSample(state, known, { ts: at.receivedAt, ...sample }, at, () => `a-${++ids}`);
}
const codes = (s: CylinderTwinState) => s.alarms.map((a) => a.code);
/** A twin after each gross weight in turn. */
const after = (grossKgs: number[], known: CylinderFacts | null = facts()) =>
  grossKgs.reduce((s, grossKg) => apply(s, { grossKg }, known).state, emptyCylinderTwin('c-1', tenantId));

describe('remaining gas', () => {
  it('is the weight less the spec’s tare, as a share of its maximum fill', () => {
    expect(remainingGas(22.25, facts())).toEqual({ remainingKg: 7.25, remainingPercent: 50 });
  });

  it('is never negative: a cylinder a little lighter than the spec’s tare is empty', () => {
    expect(remainingGas(14.6, facts())).toEqual({ remainingKg: 0, remainingPercent: 0 });
  });

  it('is unknown without the registry’s spec, never 0', () => {
    expect(remainingGas(20, null)).toEqual({ remainingKg: null, remainingPercent: null });
    expect(after([15.2], null)).toMatchObject({ grossKg: 15.2, remainingKg: null, alarms: [] });
  });
});

describe('CYLINDER_GAS_LOW', () => {
  it('is raised below 10 % of a full fill (MINOR), and held until above 15 %', () => {
    const low = after([29.5, 16.3]); // 1.3 kg: 9 %
    expect(low.alarms).toEqual([expect.objectContaining({ code: 'CYLINDER_GAS_LOW', severity: 'MINOR', value: 9 })]);
    expect(codes(after([29.5, 16.3, 16.9, 17.175]))).toEqual(['CYLINDER_GAS_LOW']); // 13 %, then 15 % exactly
    expect(codes(after([29.5, 16.3, 17.2]))).toEqual([]); // 15.2 %
  });

  it('is not raised again between 10 and 15 % once cleared', () => {
    expect(codes(after([29.5, 16.3, 20, 16.9]))).toEqual([]);
  });

  it('is only for a cylinder a customer holds: empties in stock are empty on purpose', () => {
    expect(codes(after([15.1], facts({ state: 'EMPTY_STOCK', holderCustomerId: null, locationSiteId: 'site-1' })))).toEqual([]);
  });
});

describe('CYLINDER_EXPIRED_IN_USE', () => {
  it('is raised (MAJOR) for a cylinder with gas in it past its inspection date', () => {
    const twin = after([25], facts({ nextInspectionDue: '2026-03-09' }));
    expect(twin.alarms).toEqual([expect.objectContaining({ code: 'CYLINDER_EXPIRED_IN_USE', severity: 'MAJOR', value: 10 })]);
  });

  it('is raised past its design life', () => {
    expect(codes(after([25], facts({ designLifeEnds: '2026-03-09' })))).toEqual(['CYLINDER_EXPIRED_IN_USE']);
  });

  it('is not raised on the day it is due (it may be used that day), nor for an empty cylinder', () => {
    expect(codes(after([25], facts({ nextInspectionDue: '2026-03-10' })))).toEqual([]);
    expect(codes(after([14.8], facts({ nextInspectionDue: '2020-01-01', state: 'RETURNED', holderCustomerId: null })))).toEqual([]);
  });

  it('clears once the registry shows it inspected', () => {
    const expired = after([25], facts({ nextInspectionDue: '2026-03-09' }));
    expect(codes(apply(expired, { grossKg: 24.9 }, facts({ nextInspectionDue: '2030-03-09' })).state)).toEqual([]);
  });

  it('counts days in the trade’s calendar (China’s): 16:30 UTC on the due day is the next day there', () => {
    expect(expiryOf(facts({ nextInspectionDue: '2026-03-09' }), '2026-03-09')).toBeNull();
    clock = Date.parse('2026-03-09T16:29:00Z');
    expect(codes(after([25], facts({ nextInspectionDue: '2026-03-09' })))).toEqual(['CYLINDER_EXPIRED_IN_USE']);
  });
});

describe('CYLINDER_BATTERY_LOW', () => {
  it('is raised under 15 % (WARNING) and cleared at 20 %', () => {
    const low = apply(after([25]), { grossKg: 25, batteryPercent: 14 }).state;
    expect(low.alarms).toEqual([expect.objectContaining({ code: 'CYLINDER_BATTERY_LOW', severity: 'WARNING', value: 14 })]);
    expect(codes(apply(low, { grossKg: 25, batteryPercent: 18 }).state)).toEqual(['CYLINDER_BATTERY_LOW']);
    expect(codes(apply(low, { grossKg: 25, batteryPercent: 20 }).state)).toEqual([]);
  });
});

describe('a late sample', () => {
  it('proves the device alive and moves nothing else', () => {
    const now = after([25]);
    const late = applyCylinderSample(now, facts(), { ts: new Date(clock - 3_600_000), grossKg: 15.1 }, origin(), () => 'x');
    expect(late.changes).toEqual([]);
    expect(late.state).toMatchObject({ grossKg: 25, remainingKg: 10, version: now.version + 1 });
  });
});
