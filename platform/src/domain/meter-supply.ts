/**
 * Supply decisions of a prepaid meter from its balance: alarm 1 (tell the customer), alarm 2 (the
 * meter's own alarm, DL/T 645 control 2A, released by 2B once the balance is back above it), trip at
 * the floor (relay 1A) and reconnect after a top-up (1B allow-close / 1C close). Relay commands are unreliable in the field, so each decision is made
 * once and remembered in the state: a balance that stays at the floor never trips twice, and a
 * top-up past the threshold reconnects once. Protected supply (保电: hospitals, a declared
 * emergency) and friendly windows hold the trip back; they never hold back a reconnection.
 * Protected supply also restores a meter already cut off, whatever its balance: the supply stays
 * on while protected.
 *
 * Emergency credit is money lent, not an overdraft: a meter in supply that reaches zero with none
 * outstanding is granted the policy's amount into its wallet (`emergencyCreditDue`) instead of being
 * tripped; while that credit is outstanding the floor is zero again, and later top-ups repay it a
 * configured share at a time (`emergencyRecovery`).
 */
import { minutesOfHhMm } from './meter-calendar';
import { inFriendlyWindow, type FriendlyWindows } from './meter-friendly-windows';

export interface SupplyPolicy {
  /** Notify the customer at or below this balance. */
  alarm1Minor: number;
  /** The meter's alarm at or below this balance. */
  alarm2Minor: number;
  /** Lent into the wallet when a meter in supply reaches zero with none outstanding (0: none); the trip waits until it is used. */
  emergencyCreditMinor: number;
  /** The share of each later top-up that repays outstanding emergency credit, percent (0–100, two decimals). */
  emergencyRecoverySharePercent: number;
  /** A tripped meter reconnects at or above this balance. */
  reconnectMinor: number;
  /** ALLOW_CLOSE: the customer presses the meter's button to restore (safer: nobody is surprised by power); CLOSE: at once. */
  reconnectAction: 'ALLOW_CLOSE' | 'CLOSE';
  friendly: FriendlyWindows;
}

export type AlarmLevel = 'NONE' | 'ALARM1' | 'ALARM2';

export interface SupplyState {
  intended: 'CLOSED' | 'OPEN';
  alarmLevel: AlarmLevel;
}

/** ALARM_RELEASE: the meter stops its alarm (2B), the balance being back above alarm 2. */
export type SupplyAction = 'NOTIFY_ALARM1' | 'ALARM' | 'ALARM_RELEASE' | 'TRIP' | 'ALLOW_CLOSE' | 'CLOSE';

/** Why a reconnection is due: a top-up reached the threshold, or protected supply restores the meter whatever its balance. */
export type ReconnectCause = 'TOP_UP' | 'SUPPLY_PROTECTED';

/**
 * The alarm level after re-arming (a rise above a level re-arms it) and descending (each level
 * crossed, once). Leaving ALARM2 upward releases the meter's alarm (ALARM_RELEASE), once.
 */
function nextAlarmLevel(balance: number, policy: SupplyPolicy, level: AlarmLevel, actions: SupplyAction[]): AlarmLevel {
  if (balance > policy.alarm2Minor && level === 'ALARM2') {
    actions.push('ALARM_RELEASE');
    level = 'ALARM1';
  }
  if (balance > policy.alarm1Minor) return 'NONE';
  if (level === 'NONE') {
    actions.push('NOTIFY_ALARM1');
    level = 'ALARM1';
  }
  if (balance <= policy.alarm2Minor && level === 'ALARM1') {
    actions.push('ALARM');
    level = 'ALARM2';
  }
  return level;
}

/**
 * Emergency credit to grant now, minor units (0: none): the policy's amount when the meter is in
 * supply (intended CLOSED), its balance has reached zero, none is outstanding for it, and the
 * amount lifts the balance above zero (a wallet already deeper in debt than the credit is not lent
 * what it could not use).
 */
export function emergencyCreditDue(input: { balanceMinor: number; policy: SupplyPolicy; intended: SupplyState['intended']; outstandingMinor: number }): number {
  const { balanceMinor: balance, policy } = input;
  const credit = policy.emergencyCreditMinor;
  if (input.intended !== 'CLOSED' || credit <= 0 || input.outstandingMinor > 0 || balance > 0 || balance + credit <= 0) return 0;
  return credit;
}

/**
 * The actions due at one evaluation, in the order to carry them out (alarms, then the relay), and
 * the state to keep for the next. A balance back above alarm 2 after the meter alarmed releases
 * its alarm (ALARM_RELEASE, once; before a reconnection when both are due). The floor is zero: when the meter reaches it with emergency
 * credit due (`emergencyCreditDue`), that credit is granted (`emergencyCreditMinor`, for the caller
 * to post) and the decision is taken on the balance with it; otherwise trip when CLOSED and balance
 * ≤ 0, unless protected or in a friendly window (then nothing now; the first evaluation after
 * trips). Reconnect (policy.reconnectAction) when OPEN and balance ≥ reconnectMinor. A protected
 * meter intended OPEN is reconnected whatever its balance, with CLOSE whatever the policy says:
 * protected supply means the supply is on, and nobody may be there to press the meter's button
 * (a hospital ward, a flat in an emergency). When the protection ends, the next evaluation trips it
 * again if its balance is still at the floor. `reconnectCause` says why a reconnection is due:
 * SUPPLY_PROTECTED when the balance alone would not have reconnected the meter, TOP_UP otherwise
 * (null without one).
 */
export function decideSupply(input: {
  balanceMinor: number;
  policy: SupplyPolicy;
  state: SupplyState;
  protectedSupply: boolean;
  at: Date;
  holidays?: string[];
  zone?: string;
  /** Emergency credit lent to this meter and not repaid yet, minor units (0 when omitted). */
  emergencyCreditOutstandingMinor?: number;
}): { actions: SupplyAction[]; state: SupplyState; emergencyCreditMinor: number; reconnectCause: ReconnectCause | null } {
  const { policy, state } = input;
  const emergencyCreditMinor = emergencyCreditDue({
    balanceMinor: input.balanceMinor,
    policy,
    intended: state.intended,
    outstandingMinor: input.emergencyCreditOutstandingMinor ?? 0,
  });
  const balance = input.balanceMinor + emergencyCreditMinor;
  const actions: SupplyAction[] = [];
  const alarmLevel = nextAlarmLevel(balance, policy, state.alarmLevel, actions);
  let intended = state.intended;
  let reconnectCause: ReconnectCause | null = null;
  if (intended === 'CLOSED' && balance <= 0) {
    const heldBack = input.protectedSupply || inFriendlyWindow(input.at, policy.friendly, input.holidays ?? [], input.zone);
    if (!heldBack) {
      actions.push('TRIP');
      intended = 'OPEN';
    }
  } else if (intended === 'OPEN' && (input.protectedSupply || balance >= policy.reconnectMinor)) {
    actions.push(input.protectedSupply ? 'CLOSE' : policy.reconnectAction);
    intended = 'CLOSED';
    reconnectCause = balance >= policy.reconnectMinor ? 'TOP_UP' : 'SUPPLY_PROTECTED';
  }
  return { actions, state: { intended, alarmLevel }, emergencyCreditMinor, reconnectCause };
}

/** What is wrong with a supply policy, for the person setting it; null when it is usable. */
export function supplyPolicyProblem(policy: SupplyPolicy): string | null {
  const amounts = ['alarm1Minor', 'alarm2Minor', 'emergencyCreditMinor', 'reconnectMinor'] as const;
  for (const name of amounts) if (!Number.isSafeInteger(policy[name])) return `${name} must be a safe integer (minor units)`;
  if (policy.emergencyCreditMinor < 0) return 'emergencyCreditMinor must not be negative: it is the credit lent at zero';
  const share = policy.emergencyRecoverySharePercent;
  if (!Number.isFinite(share) || share < 0 || share > 100 || Math.abs(Math.round(share * 100) - share * 100) > 1e-6)
    return 'emergencyRecoverySharePercent must be 0–100 with at most two decimals';
  if (policy.emergencyCreditMinor > 0 && share === 0)
    return 'emergencyRecoverySharePercent must be above 0 where emergency credit is lent, or it is never repaid';
  if (policy.alarm1Minor < policy.alarm2Minor) return 'alarm1Minor must be at least alarm2Minor: the customer is told before the meter alarms';
  if (policy.alarm2Minor < 0) return 'alarm2Minor must be at least 0 (the floor): the meter alarms before it trips';
  if (policy.reconnectMinor <= 0) return 'reconnectMinor must be above 0 (the floor), or a reconnected meter trips again at once';
  if (policy.reconnectAction !== 'ALLOW_CLOSE' && policy.reconnectAction !== 'CLOSE') return "reconnectAction must be 'ALLOW_CLOSE' or 'CLOSE'";
  const nights = policy.friendly.nights;
  if (nights) {
    const from = minutesOfHhMm(nights.from);
    const to = minutesOfHhMm(nights.to);
    if (from === null || to === null) return "friendly.nights: from and to must be times 'HH:MM'";
    if (from === to) return 'friendly.nights: from and to must differ (22:00–07:00 crosses midnight)';
  }
  return null;
}
