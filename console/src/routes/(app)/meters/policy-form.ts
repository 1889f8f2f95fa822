import type { MeteringPolicy, ReconnectAction, SetMeteringPolicyInput } from '$lib/api/metering-types';
import { minorToDecimal, parseAmount, type AmountProblem } from '../../../lib/money';

/** The supply policy as its form holds it: amounts typed in yuan, the night window as HH:MM, holidays one a line. */
export interface PolicyForm {
  alarm1: string;
  alarm2: string;
  emergencyCredit: string;
  reconnect: string;
  reconnectAction: ReconnectAction;
  nights: boolean;
  nightsFrom: string;
  nightsTo: string;
  weekends: boolean;
  holidays: boolean;
  holidayList: string;
}

export type PolicyField = 'alarm1' | 'alarm2' | 'emergencyCredit' | 'reconnect' | 'nights' | 'holidayList';
export type PolicyProblems = Partial<Record<PolicyField, AmountProblem | 'invalid'>>;

const yuan = (minor: number) => minorToDecimal(minor, 2);

export function policyForm(policy: MeteringPolicy): PolicyForm {
  return {
    alarm1: yuan(policy.alarm1Minor),
    alarm2: yuan(policy.alarm2Minor),
    emergencyCredit: yuan(policy.emergencyCreditMinor),
    reconnect: yuan(policy.reconnectMinor),
    reconnectAction: policy.reconnectAction,
    nights: policy.friendlyNights !== null,
    nightsFrom: policy.friendlyNights?.from ?? '22:00',
    nightsTo: policy.friendlyNights?.to ?? '07:00',
    weekends: policy.friendlyWeekends,
    holidays: policy.friendlyHolidays,
    holidayList: policy.holidays.join('\n'),
  };
}

/** An amount in yuan, zero allowed (an emergency credit of none, a threshold at zero). */
function amount(text: string): { minor: number } | { problem: AmountProblem } {
  if (/^\s*0*(\.0*)?\s*$/.test(text) && /\d/.test(text)) return { minor: 0 };
  return parseAmount(text, 2);
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The input `setMeteringPolicy` takes, every field given, or what to fix first. The service checks
 * the rest (the levels in order: alarm 1 above alarm 2 above the floor; the reconnection threshold).
 */
export function toPolicyInput(form: PolicyForm): { input: SetMeteringPolicyInput } | { problems: PolicyProblems } {
  const problems: PolicyProblems = {};
  const minor = (field: 'alarm1' | 'alarm2' | 'emergencyCredit' | 'reconnect') => {
    const parsed = amount(form[field]);
    if ('problem' in parsed) problems[field] = parsed.problem;
    return 'minor' in parsed ? parsed.minor : 0;
  };
  const alarm1Minor = minor('alarm1');
  const alarm2Minor = minor('alarm2');
  const emergencyCreditMinor = minor('emergencyCredit');
  const reconnectMinor = minor('reconnect');
  if (form.nights && (!HHMM.test(form.nightsFrom) || !HHMM.test(form.nightsTo))) problems.nights = 'invalid';
  const holidays = form.holidayList
    .split(/[\s,，、]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  if (holidays.some((d) => !DATE.test(d))) problems.holidayList = 'invalid';
  if (Object.keys(problems).length) return { problems };
  return {
    input: {
      alarm1Minor,
      alarm2Minor,
      emergencyCreditMinor,
      reconnectMinor,
      reconnectAction: form.reconnectAction,
      ...(form.nights ? { friendlyNights: { from: form.nightsFrom, to: form.nightsTo } } : { noFriendlyNights: true }),
      friendlyWeekends: form.weekends,
      friendlyHolidays: form.holidays,
      holidays: [...new Set(holidays)].sort(),
    },
  };
}
