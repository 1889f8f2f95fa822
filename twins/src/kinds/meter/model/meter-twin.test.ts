import { describe, expect, it } from 'vitest';
import { defaultMetricBounds } from '@hearth/platform/domain';
import { meterTelemetry } from '../meter-messages';
import { applyMeterTelemetry, desired, emptyMeterTwin, meterCommandFields, withdrawn } from './meter-twin';

const origin = { gatewayId: 'gw', receivedAt: new Date('2026-11-21T09:00:00Z') };
const twin = emptyMeterTwin('m-1', 't-1');
const sample = (ts: string, values: Record<string, unknown>, seq?: number) => ({ ts: new Date(ts), ...(seq === undefined ? {} : { seq }), values });

describe('a meter’s telemetry', () => {
  it('keeps a reading in milli-units for the metering service and moves the twin', () => {
    const { state, row } = applyMeterTelemetry(
      twin,
      sample('2026-11-21T08:00:00Z', { registerKwh: 1234.567, relay: 'CLOSED', remainingMoneyMinor: -300 }, 1),
      origin,
      60_000,
    );
    expect(row).toEqual({
      tenantId: 't-1',
      meterId: 'm-1',
      observedAt: new Date('2026-11-21T08:00:00Z'),
      registerMilli: 1_234_567,
      remainingMoneyMinor: -300,
      relay: 'CLOSED',
    });
    expect(state).toMatchObject({
      registerMilli: 1_234_567,
      registerKind: 'ELECTRICITY',
      remainingMoneyMinor: -300,
      relay: { reported: 'CLOSED' },
      online: true,
      lastSeq: 1,
    });
  });

  it('stores a late reading but leaves the twin at the newer one', () => {
    const newer = applyMeterTelemetry(twin, sample('2026-11-21T08:15:00Z', { registerM3: 20.5 }), origin, 60_000).state;
    const late = applyMeterTelemetry(newer, sample('2026-11-21T08:00:00Z', { registerM3: 20.1, relay: 'OPEN' }), origin, 60_000);
    expect(late.row).toMatchObject({ registerMilli: 20_100, observedAt: new Date('2026-11-21T08:00:00Z') });
    expect(late.state).toMatchObject({ registerMilli: 20_500, registerKind: 'GAS', observedAt: new Date('2026-11-21T08:15:00Z'), relay: { reported: null } });
  });

  it('keeps no reading of a sample without a register (a relay read back), and never a time after receipt', () => {
    expect(applyMeterTelemetry(twin, sample('2026-11-21T08:00:00Z', { relay: 'OPEN' }), origin, 60_000).row).toBeNull();
    expect(applyMeterTelemetry(twin, sample('2026-11-21T10:00:00Z', { registerKwh: 1 }), origin, 60_000).row?.observedAt).toEqual(origin.receivedAt);
  });
});

describe('a meter’s commands', () => {
  it('shows a TRIP on the relay at once, an unanswered one due for read-back, and sends only the action beside the core’s fields', () => {
    const tripped = desired(twin, { action: 'TRIP', supplyEventId: '7', reason: 'BALANCE_FLOOR' }, 'c1', origin.receivedAt);
    expect(tripped.relay).toMatchObject({ intended: 'OPEN', pending: { action: 'TRIP', commandId: 'c1' }, lastCommandId: 'c1' });
    expect(withdrawn(tripped, 'c1').relay).toMatchObject({ pending: null, readBackDue: true });
    expect(withdrawn(tripped, 'other')).toBe(tripped);
    expect(desired(twin, { action: 'ALARM' }, 'a1', origin.receivedAt)).toMatchObject({ lastAlarmCommandId: 'a1', relay: twin.relay });
    expect(meterCommandFields({ action: 'TRIP', supplyEventId: '7' })).toEqual({ action: 'TRIP' });
    expect(meterCommandFields({ open: true })).toEqual({});
  });
});

describe('the telemetry schema', () => {
  const schema = meterTelemetry(defaultMetricBounds.meter);
  it('takes a register of at most 3 decimals, a relay, what is left on the meter', () => {
    expect(schema.safeParse({ registerKwh: 12.345, relay: 'OPEN', remainingMoneyMinor: -5 }).success).toBe(true);
    expect(schema.safeParse({ relay: 'CLOSED' }).success).toBe(true);
  });
  it('refuses both registers, a fourth decimal, a negative register, an unknown field or relay state', () => {
    for (const values of [
      { registerKwh: 1, registerM3: 1 },
      { registerKwh: 1.0001 },
      { registerM3: -1 },
      { flowM3h: 1 },
      { relay: 'AJAR' },
      { remainingMoneyMinor: 1.5 },
    ])
      expect(schema.safeParse(values).success, JSON.stringify(values)).toBe(false);
  });
});
