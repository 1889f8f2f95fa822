import type { Logger } from '@hearth/platform';
import type { BridgeCounters } from '../bridge-counters';
import type { DeviceReader, FieldReadError } from '../drivers/field-driver';

interface Streak {
  consecutiveFailures: number;
  lastFailure: { kind: string; reason: string; detail: string; at: string } | null;
  lastSuccessAt: string | null;
}

/**
 * Counts every failed read and keeps the log readable: a device that stays silent logs when it starts
 * failing, every 100th failure after that, and once when it answers again — not once per poll.
 */
export class ReaderHealth {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly logger: Logger,
    private readonly counters: BridgeCounters,
  ) {}

  failed(port: string, driver: string, reader: DeviceReader | null, failure: FieldReadError): void {
    this.counters.readFailure(failure.kind === 'rejected-frame' ? 'corruptFrames' : 'readFailures', driver, failure.reason);
    const streak = this.streakOf(port, reader);
    streak.consecutiveFailures++;
    streak.lastFailure = { kind: failure.kind, reason: failure.reason, detail: failure.message, at: new Date().toISOString() };
    if (streak.consecutiveFailures === 1 || streak.consecutiveFailures % 100 === 0) {
      this.logger.warn(
        { port, reader: reader?.label ?? 'line', reason: failure.reason, detail: failure.message, failures: streak.consecutiveFailures },
        'device read failed',
      );
    }
  }

  succeeded(port: string, reader: DeviceReader): void {
    const streak = this.streakOf(port, reader);
    if (streak.consecutiveFailures > 0) this.logger.info({ port, reader: reader.label, afterFailures: streak.consecutiveFailures }, 'device answers again');
    streak.consecutiveFailures = 0;
    streak.lastSuccessAt = new Date().toISOString();
  }

  snapshot(): Record<string, Streak> {
    return structuredClone(Object.fromEntries(this.streaks));
  }

  private streakOf(port: string, reader: DeviceReader | null): Streak {
    const key = `${port}/${reader?.label ?? 'line'}`;
    let streak = this.streaks.get(key);
    if (!streak) this.streaks.set(key, (streak = { consecutiveFailures: 0, lastFailure: null, lastSuccessAt: null }));
    return streak;
  }
}
