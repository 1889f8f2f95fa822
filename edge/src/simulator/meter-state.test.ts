import { describe, expect, it } from 'vitest';
import { loadKw } from './meter-load-profile';
import { SimulatedMeter } from './meter-state';

const hour = 3_600_000;
// 2026-11-20 is a Friday; 07:00Z is 15:00 in Shanghai, 19:00Z is 03:00 the next day.
const fridayAfternoon = new Date('2026-11-20T07:00:00Z');
const saturdayAfternoon = new Date('2026-11-21T07:00:00Z');
const night = new Date('2026-11-20T19:00:00Z');

describe('simulated meter', () => {
  it('draws its load into the register while the relay is closed, nothing while it is open', () => {
    const meter = new SimulatedMeter({ address: '1', registerKwh: 100, loadProfile: { kind: 'constant', kw: 2 } });
    meter.advance(hour, fridayAfternoon);
    expect(meter.registerKwh).toBe(102);
    meter.relay = 'OPEN';
    meter.advance(hour, fridayAfternoon);
    meter.relay = 'CLOSE_ALLOWED';
    meter.advance(hour, fridayAfternoon);
    expect(meter.registerKwh).toBe(102);
    expect(meter.relayState).toBe('OPEN');
  });

  it('closes an allowed relay when the button is pressed, and only then', () => {
    const meter = new SimulatedMeter({ address: '1', relay: 'OPEN' });
    meter.pressButton();
    expect(meter.relay).toBe('OPEN');
    meter.relay = 'CLOSE_ALLOWED';
    meter.pressButton();
    expect(meter.relay).toBe('CLOSED');
  });

  it('keeps remaining money falling by what is drawn at its price, shown in fen and never below 0', () => {
    const meter = new SimulatedMeter({ address: '1', remainingMoneyMinor: 10_000, unitPriceE4: 5_283, loadProfile: { kind: 'constant', kw: 1 } });
    meter.advance(hour, fridayAfternoon); // 1 kWh at ¥0.5283
    expect(meter.remainingMoneyMinor).toBe(9_947);
    meter.advance(200 * hour, fridayAfternoon);
    expect(meter.remainingMoneyMinor).toBe(0);
    meter.topUp(50_000);
    expect(meter.remainingMoneyMinor).toBeGreaterThan(0);
    expect(new SimulatedMeter({ address: '2' }).remainingMoneyMinor).toBeUndefined();
  });

  it('shows the register as XXXXXX.XX, wrapping past 999999.99 like the meter', () => {
    const meter = new SimulatedMeter({ address: '1', registerKwh: 999_999.5, loadProfile: { kind: 'constant', kw: 1 } });
    meter.advance(hour, fridayAfternoon);
    expect(meter.registerKwh).toBe(0.5);
  });

  it('follows its load profile through the day in the mall’s time zone', () => {
    expect(loadKw({ kind: 'shop', peakKw: 10 }, fridayAfternoon)).toBe(8.5);
    expect(loadKw({ kind: 'shop', peakKw: 10 }, night)).toBeCloseTo(0.6);
    expect(loadKw({ kind: 'office', peakKw: 10 }, fridayAfternoon)).toBe(9);
    expect(loadKw({ kind: 'office', peakKw: 10 }, saturdayAfternoon)).toBeCloseTo(0.5);
    expect(loadKw((at) => at.getUTCHours(), night)).toBe(19);
  });
});
