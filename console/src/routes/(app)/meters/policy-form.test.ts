import { describe, expect, it } from 'vitest';
import type { MeteringPolicy } from '$lib/api/metering-types';
import { policyForm, toPolicyInput } from './policy-form';

const policy: MeteringPolicy = {
  alarm1Minor: 2_000,
  alarm2Minor: 500,
  emergencyCreditMinor: 0,
  reconnectMinor: 1_000,
  reconnectAction: 'ALLOW_CLOSE',
  friendlyNights: { from: '22:00', to: '07:00' },
  friendlyWeekends: false,
  friendlyHolidays: true,
  holidays: ['2026-10-01', '2026-10-02'],
  updatedAt: null,
};

describe('the supply policy form', () => {
  it('shows the policy in yuan and gives it back unchanged', () => {
    const form = policyForm(policy);
    expect(form).toMatchObject({ alarm1: '20.00', alarm2: '5.00', emergencyCredit: '0.00', reconnect: '10.00', holidayList: '2026-10-01\n2026-10-02' });
    expect(toPolicyInput(form)).toEqual({
      input: {
        alarm1Minor: 2_000,
        alarm2Minor: 500,
        emergencyCreditMinor: 0,
        reconnectMinor: 1_000,
        reconnectAction: 'ALLOW_CLOSE',
        friendlyNights: { from: '22:00', to: '07:00' },
        friendlyWeekends: false,
        friendlyHolidays: true,
        holidays: ['2026-10-01', '2026-10-02'],
      },
    });
  });

  it('takes no night window, zero amounts and holidays typed in any order on one line', () => {
    const form = { ...policyForm(policy), nights: false, emergencyCredit: '0', holidayList: '2026-10-02, 2026-10-01 2026-10-01' };
    expect(toPolicyInput(form)).toMatchObject({ input: { noFriendlyNights: true, emergencyCreditMinor: 0, holidays: ['2026-10-01', '2026-10-02'] } });
  });

  it('says what to fix: an amount that is none, too precise, a night window or a holiday that is no time or date', () => {
    expect(toPolicyInput({ ...policyForm(policy), alarm1: 'twenty', alarm2: '5.001', nightsTo: '7', holidayList: '10/01' })).toEqual({
      problems: { alarm1: 'invalid', alarm2: 'tooPrecise', nights: 'invalid', holidayList: 'invalid' },
    });
  });
});
