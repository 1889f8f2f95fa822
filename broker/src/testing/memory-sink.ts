import type { DeviceMessage, GatewayStatus, MessageSink, SinkResult } from '../types';

/**
 * A MessageSink in memory, for tests: our own seam, so a real small implementation rather than a mock.
 * It can hold every `accept()` until released (to prove an ack waits for it) and fail on demand.
 * Samples with a `seq` at or below the device's last stored one are duplicates, as in the twins.
 */
export class MemorySink implements MessageSink {
  /** Every message `accept()` was called with, in call order. */
  readonly received: DeviceMessage[] = [];
  /** Messages whose `accept()` resolved (stored), in order. */
  readonly stored: DeviceMessage[] = [];
  readonly statuses: GatewayStatus[] = [];
  private gate?: { promise: Promise<void>; release: () => void };
  private failure?: Error;
  private readonly lastSeq = new Map<string, number>();
  private readonly watchers = new Set<() => void>();

  /** From now on `accept()` waits until `release()` is called. */
  hold(): { release: () => void } {
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    const gate = { promise, release: () => (this.gate === gate && (this.gate = undefined), release()) };
    this.gate = gate;
    return gate;
  }

  /** From now on `accept()` rejects with `error` (undefined: stores again). */
  failWith(error: Error | undefined): void {
    this.failure = error;
  }

  async accept(message: DeviceMessage): Promise<SinkResult> {
    this.received.push(message);
    this.changed();
    if (this.gate) await this.gate.promise;
    if (this.failure) throw this.failure;
    const key = `${message.kind}/${message.deviceId}`;
    let stored = 0;
    let duplicates = 0;
    for (const sample of message.samples) {
      const last = this.lastSeq.get(key);
      if (sample.seq !== undefined && last !== undefined && sample.seq <= last) {
        duplicates++;
        continue;
      }
      if (sample.seq !== undefined) this.lastSeq.set(key, sample.seq);
      stored++;
    }
    this.stored.push(message);
    this.changed();
    return { stored, duplicates };
  }

  gatewayStatus(status: GatewayStatus): void {
    this.statuses.push(status);
    this.changed();
  }

  /** Resolves when `condition` holds (checked now and on every change); rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`MemorySink: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }

  private changed(): void {
    for (const watcher of [...this.watchers]) watcher();
  }
}
