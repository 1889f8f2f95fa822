import { describe, expect, it } from 'vitest';
import { saleAlarmChanges, type AnomalousSale } from './sale-alarms';

const at = new Date('2026-11-21T08:10:00Z');
let ids = 0;
const newId = () => `alarm-${++ids}`;
const sale = (anomalies: AnomalousSale['anomalies']): AnomalousSale => ({
  id: 'sale-1',
  tenantId: 't',
  pumpId: 'pump-1',
  stationId: 'station-a',
  counter: 42,
  nozzle: 1,
  gradeCode: '92#',
  volumeMl: 300_000,
  unitPriceMinor: 750,
  amountMinor: 225_000,
  endedAt: new Date('2026-11-21T08:00:00Z'),
  anomalies,
});

describe('the alarms of a sale’s anomalies', () => {
  it('raises one alarm per code, the price findings together, with the sale and the figures in its message', () => {
    const changes = saleAlarmChanges(
      sale([
        { code: 'LARGE_AMOUNT', thresholdMinor: 200_000 },
        { code: 'PRICE_VOLUME_MISMATCH', expectedAmountMinor: 225_010, differenceMinor: -10 },
        { code: 'PRICE_NOT_IN_EFFECT', effectiveUnitPriceMinor: 760 },
      ]),
      at,
      newId,
    );
    const raised = changes.flatMap((c) => (c.kind === 'raised' ? [c.alarm] : []));
    expect(raised.map((a) => [a.code, a.severity, a.value])).toEqual([
      ['FUEL_SALE_LARGE_AMOUNT', 'WARNING', 225_000],
      ['FUEL_SALE_PRICE_MISMATCH', 'MAJOR', -10],
    ]);
    expect(raised[1]!.message).toContain('sale sale-1 (counter 42, nozzle 1, 92#, 300.00 L at ¥7.50/L = ¥2250.00');
    expect(raised[1]!.message).toContain(
      'PRICE_VOLUME_MISMATCH expectedAmountMinor=225010 differenceMinor=-10; PRICE_NOT_IN_EFFECT effectiveUnitPriceMinor=760',
    );
  });

  it('raises each returned to normal at once: it waits unacknowledged and nothing clears it', () => {
    const changes = saleAlarmChanges(sale([{ code: 'UNFUNDED', availableMinor: 1_000 }]), at, newId);
    expect(changes.map((c) => c.kind)).toEqual(['raised', 'cleared']);
    expect(changes[0]!.alarm).toBe(changes[1]!.alarm);
    expect(changes[0]!.alarm).toMatchObject({ code: 'FUEL_SALE_UNFUNDED', severity: 'MAJOR', state: 'ACTIVE', value: 1_000 });
  });

  it('maps swipes and travel to their own codes, and raises nothing for a code it does not know or the twin judges itself', () => {
    const codes = (anomalies: AnomalousSale['anomalies']) =>
      saleAlarmChanges(sale(anomalies), at, newId).flatMap((c) => (c.kind === 'raised' ? [[c.alarm.code, c.alarm.severity]] : []));
    expect(codes([{ code: 'FREQUENT_SWIPES', count: 6, windowMinutes: 60 }])).toEqual([['FUEL_SALE_FREQUENT_SWIPES', 'MINOR']]);
    expect(codes([{ code: 'IMPOSSIBLE_TRAVEL', otherStationId: 's2', distanceKm: 300, minutes: 30 }])).toEqual([['FUEL_SALE_IMPOSSIBLE_TRAVEL', 'MAJOR']]);
    expect(codes([{ code: 'TOTALIZER_GAP', expectedStartMl: 1, gapMl: 2 }, { code: 'SOMETHING_NEW' }])).toEqual([]);
  });
});
