import { describe, expect, it } from 'vitest';
import { judgeRegister } from './meter-registers';

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 10, 0, minutes));
const baseline = { at: at(0), registerMilli: 1_000_000 };
// A 60 A single-phase meter: 60 × 230 V ≈ 13.8 kW, 13,800 Wh in an hour.
const limits = { maxMilliPerHour: 13_800 }; // Wh per hour

describe('judgeRegister', () => {
  it('charges the difference of a later, higher reading', () => {
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_000_250 }, limits)).toEqual({ kind: 'CHARGE', consumedMilli: 250 });
  });

  it('calls a reading older than the baseline, or at its instant, BEHIND', () => {
    expect(judgeRegister(baseline, { at: at(-15), registerMilli: 999_000 }, limits)).toEqual({ kind: 'BEHIND' });
    expect(judgeRegister(baseline, { at: at(0), registerMilli: 1_000_000 }, limits)).toEqual({ kind: 'BEHIND' });
  });

  it('calls a lower register a RESET (a replaced or cleared meter), never a negative charge', () => {
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 12 }, limits)).toEqual({ kind: 'RESET' });
  });

  it('calls an equal register UNCHANGED', () => {
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_000_000 }, limits)).toEqual({ kind: 'UNCHANGED' });
  });

  it('calls more than the maximum rate × elapsed + slack a JUMP, and exactly that much a charge', () => {
    const slack = { ...limits, slackMilli: 0 };
    // 15 minutes at 13.8 kW = 3,450 Wh.
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_003_450 }, slack)).toEqual({ kind: 'CHARGE', consumedMilli: 3_450 });
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_003_451 }, slack)).toEqual({ kind: 'JUMP', consumedMilli: 3_451 });
  });

  it('allows one hour at the maximum rate as slack by default', () => {
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_000_000 + 3_450 + 13_800 }, limits).kind).toBe('CHARGE');
    expect(judgeRegister(baseline, { at: at(15), registerMilli: 1_000_001 + 3_450 + 13_800 }, limits).kind).toBe('JUMP');
  });

  it('makes the first reading the baseline without charging it', () => {
    expect(judgeRegister(null, { at: at(0), registerMilli: 5 }, limits)).toEqual({ kind: 'RESET' });
  });

  it('refuses a register that is not a non-negative integer', () => {
    expect(() => judgeRegister(baseline, { at: at(15), registerMilli: -1 }, limits)).toThrow(RangeError);
    expect(() => judgeRegister(baseline, { at: at(15), registerMilli: 1.5 }, limits)).toThrow(RangeError);
  });
});
