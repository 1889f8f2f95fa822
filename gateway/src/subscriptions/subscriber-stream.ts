export interface SubscriberStreamOptions<T, R> {
  /** Most undelivered events one subscriber may have waiting; beyond it the oldest is dropped. */
  limit: number;
  /** Turns an upstream event into what the subscriber receives. */
  deliver(event: T): Promise<R>;
  /**
   * How many waiting events are turned into results ahead of the subscriber asking (default 1:
   * only on demand). Results still go out in arrival order; resolving a burst concurrently lets
   * their entity fetches overlap and be shared.
   */
  readAhead?: number;
  onDrop(): void;
  /** Runs once, when the subscriber leaves or the stream has ended. */
  onClose(): void;
}

const DONE: IteratorResult<never> = { value: undefined, done: true };

/**
 * One subscriber's queue between a shared upstream subscription and its socket. graphql-ws
 * asks for the next result only after the previous one was written, so a slow client (or a
 * slow entity fetch) leaves events here; past `limit` the oldest go, because a live feed's
 * newest state is worth more than a complete history, and memory stays bounded.
 */
export class SubscriberStream<T, R> implements AsyncIterableIterator<R> {
  private readonly buffer: { event: T; result?: Promise<R> }[] = [];
  private waiting?: (result: Promise<IteratorResult<R>> | IteratorResult<R>) => void;
  /** Set when upstream ended: an optional last result (the error) goes out after the buffer. */
  private ending?: { last?: R };
  private closed = false;

  constructor(private readonly options: SubscriberStreamOptions<T, R>) {}

  push(event: T): void {
    if (this.closed || this.ending) return;
    if (this.waiting) return this.handOver(() => this.deliverOne(event));
    if (this.buffer.length >= this.options.limit) {
      this.buffer.shift();
      this.options.onDrop();
    }
    this.buffer.push({ event });
    this.startAhead();
  }

  /** Upstream is done: deliver what is buffered, then `last` if given, then complete. */
  end(last?: R): void {
    if (this.closed || this.ending) return;
    this.ending = { last };
    if (this.waiting) this.handOver(() => this.next());
  }

  next(): Promise<IteratorResult<R>> {
    const entry = this.buffer.shift();
    if (entry !== undefined) {
      const result = entry.result ? entry.result.then((value) => ({ value, done: false as const })) : this.deliverOne(entry.event);
      this.startAhead();
      return result;
    }
    if (this.ending && this.ending.last !== undefined) {
      const value = this.ending.last;
      this.ending.last = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ending || this.closed) return Promise.resolve(this.close());
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<R>> {
    return Promise.resolve(this.close());
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Starts results for the first `readAhead - 1` waiting events (the next one is started on demand). */
  private startAhead(): void {
    const ahead = Math.min(this.buffer.length, (this.options.readAhead ?? 1) - 1);
    for (let i = 0; i < ahead; i++) {
      const entry = this.buffer[i]!;
      if (entry.result) continue;
      entry.result = this.options.deliver(entry.event);
      // A dropped entry's result is never awaited; its failure must not surface as unhandled.
      entry.result.catch(() => undefined);
    }
  }

  private async deliverOne(event: T): Promise<IteratorResult<R>> {
    return { value: await this.options.deliver(event), done: false };
  }

  /** Answers the pending `next()`; cleared first, since producing the answer may look at it. */
  private handOver(produce: () => Promise<IteratorResult<R>>): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(produce());
  }

  private close(): IteratorResult<R> {
    this.buffer.length = 0;
    if (!this.closed) {
      this.closed = true;
      this.options.onClose();
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(DONE);
    return DONE;
  }
}
