/**
 * Judging a cumulative register reading against the meter's baseline (its newest accepted reading).
 * A register only counts up, so consumption is the difference of two readings — and a reading that
 * is older, lower or implausibly higher must never be charged: readings arrive late and out of order
 * over MQTT, a replaced or reset meter starts again from zero (DL/T 645 meters also reset on a
 * "meter clear" command), and a corrupt frame or a swapped meter can show a huge jump.
 */
export type RegisterVerdict =
  { kind: 'CHARGE'; consumedMilli: number } | { kind: 'UNCHANGED' } | { kind: 'RESET' } | { kind: 'JUMP'; consumedMilli: number } | { kind: 'BEHIND' };

export interface RegisterLimits {
  /** The most the meter can pass in an hour (electricity: its rated current × voltage; gas: its Qmax). */
  maxMilliPerHour: number;
  /**
   * Allowed on top of maxMilliPerHour × elapsed, for device clocks that drift and registers read
   * a step late. Default: one hour at the maximum rate.
   */
  slackMilli?: number;
}

interface RegisterReading {
  at: Date;
  registerMilli: number;
}

const HOUR_MS = 3_600_000n;

function assertReading(name: string, reading: RegisterReading): void {
  if (Number.isNaN(reading.at.getTime())) throw new RangeError(`judgeRegister: ${name}.at is not a valid instant`);
  if (!Number.isSafeInteger(reading.registerMilli) || reading.registerMilli < 0)
    throw new RangeError(`judgeRegister: ${name}.registerMilli must be a non-negative safe integer`);
}

/**
 * The verdict on a reading. Every verdict but BEHIND makes the reading the new baseline:
 * - no baseline yet → RESET (the first reading is the baseline; nothing charged);
 * - observed at or before the baseline → BEHIND (its interval is already covered; never charged);
 * - lower register → RESET (new baseline, nothing charged);
 * - equal register → UNCHANGED;
 * - more than maxMilliPerHour × elapsed + slack → JUMP (new baseline, nothing charged, flagged);
 * - else CHARGE the difference.
 */
export function judgeRegister(baseline: RegisterReading | null, reading: RegisterReading, limits: RegisterLimits): RegisterVerdict {
  assertReading('reading', reading);
  const slack = limits.slackMilli ?? limits.maxMilliPerHour;
  if (!Number.isSafeInteger(limits.maxMilliPerHour) || limits.maxMilliPerHour < 0 || !Number.isSafeInteger(slack) || slack < 0)
    throw new RangeError('judgeRegister: maxMilliPerHour and slackMilli must be non-negative safe integers');
  if (baseline === null) return { kind: 'RESET' };
  assertReading('baseline', baseline);
  const elapsedMs = reading.at.getTime() - baseline.at.getTime();
  if (elapsedMs <= 0) return { kind: 'BEHIND' };
  const consumedMilli = reading.registerMilli - baseline.registerMilli;
  if (consumedMilli < 0) return { kind: 'RESET' };
  if (consumedMilli === 0) return { kind: 'UNCHANGED' };
  // consumed > max × elapsed/hour + slack, multiplied through by an hour to stay in integers.
  const allowed = BigInt(limits.maxMilliPerHour) * BigInt(elapsedMs) + BigInt(slack) * HOUR_MS;
  if (BigInt(consumedMilli) * HOUR_MS > allowed) return { kind: 'JUMP', consumedMilli };
  return { kind: 'CHARGE', consumedMilli };
}
