import { availableParallelism } from 'node:os';
import { counter, gauge } from '../http/metrics';

export interface HashingLimits {
  /** Hashes computed at once. */
  concurrency: number;
  /**
   * Hashes that may wait for a turn, counted in password hashes (`PASSWORD_COST`): a cheaper hash (a
   * gateway secret at an eighth of the work) counts for its share, so a reconnect storm of gateways
   * may queue eight times as many. One more is refused at once.
   */
  queueLimit: number;
}

/**
 * scrypt runs on libuv's thread pool, four threads by default (UV_THREADPOOL_SIZE), which every
 * file, DNS and asynchronous crypto call of the process shares, and each hash keeps a core busy
 * for about a second at the password cost. At most half the cores hash at once (one on two cores):
 * two at a time took both cores of a two-core machine, and a flood of anonymous logins and wrong
 * CONNECTs then held another tenant's queries and PUBACKs for seconds (testkit/e2e/noisy-neighbour).
 * Sixteen waiting is a few seconds of work, past which waiting would only hold sockets and memory.
 */
export const DEFAULT_HASHING_LIMITS: HashingLimits = { concurrency: Math.max(1, Math.floor(availableParallelism() / 2)), queueLimit: 16 };

/** The hashing queue is full: callers answer at once with a retryable refusal (GraphQL: RATE_LIMITED). */
export class HashingBusyError extends Error {
  readonly code = 'HASHING_BUSY';
  constructor(queueLimit: number) {
    super(`Secret hashing is busy (${queueLimit} waiting); try again shortly.`);
    this.name = 'HashingBusyError';
  }
}

const refused = counter('hearth_secret_hashing_refused_total', 'Password and secret hashes refused at once because the hashing queue was full.');
const waiting = gauge('hearth_secret_hashing_waiting', 'Password and secret hashes waiting for a turn.');

/** A bounded queue in front of slow hashing: at most `concurrency` run, at most `queueLimit` wait. */
export class HashingLimiter {
  private running = 0;
  private readonly queue: { start: () => void; weight: number }[] = [];
  private queuedWeight = 0;

  constructor(private limits: HashingLimits = DEFAULT_HASHING_LIMITS) {}

  configure(limits: HashingLimits): void {
    this.limits = limits;
    this.startWaiting();
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Refuses now (HashingBusyError) when a hash asked for now would be refused: lets a caller turn
   * work away before the lookups that precede its hash. run() still enforces the bound.
   */
  ensureRoom(weight = 1): void {
    if (this.running >= this.limits.concurrency && this.queuedWeight + weight > this.limits.queueLimit) {
      refused.inc();
      throw new HashingBusyError(this.limits.queueLimit);
    }
  }

  /**
   * Runs `work` when a turn is free; rejects with HashingBusyError without running it when the queue
   * is full. `weight`: its work in password hashes (1 for a password, 1/8 for a gateway secret).
   */
  run<T>(work: () => Promise<T>, weight = 1): Promise<T> {
    if (this.running < this.limits.concurrency) return this.start(work);
    try {
      this.ensureRoom(weight);
    } catch (err) {
      return Promise.reject(err as HashingBusyError);
    }
    this.queuedWeight += weight;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ start: () => this.start(work).then(resolve, reject), weight });
      waiting.set(this.queue.length);
    });
  }

  private start<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    let running: Promise<T>;
    try {
      running = work();
    } catch (err) {
      running = Promise.reject(err as Error);
    }
    return running.finally(() => {
      this.running--;
      this.startWaiting();
    });
  }

  private startWaiting(): void {
    while (this.running < this.limits.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.queuedWeight -= next.weight;
      next.start();
    }
    waiting.set(this.queue.length);
  }
}

/** The process's one limiter: every hashSecret and verifySecret (passwords, API-facing secrets, MQTT gateway secrets) takes a turn here. */
export const secretHashing = new HashingLimiter();
