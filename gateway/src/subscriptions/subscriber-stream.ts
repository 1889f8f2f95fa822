export interface SubscriberStreamOptions<T, R> {
  /**
   * Most entities one subscriber may have an event waiting for. Waiting events of one entity
   * never pile up (the newest replaces the older), so this bounds a frozen subscriber's memory
   * by the entities it watches; past it the oldest waiting entity's event is dropped.
   */
  limit: number;
  /** The entity an event is about (its newest event replaces an older waiting one); undefined: never replaced. */
  keyOf(event: T): string | undefined;
  /** Turns an upstream event into what the subscriber receives. */
  deliver(event: T): Promise<R>;
  /**
   * How many events are being turned into results at once, ahead of the subscriber asking
   * (default 1). Results still go out in arrival order; resolving several at once lets their
   * entity fetches share one batch. One entity has at most one event in production: its next
   * waits, so that it can still be replaced by a newer one.
   */
  readAhead?: number;
  /** An event left waiting too long was dropped (the limit was reached). */
  onDrop(): void;
  /** A waiting event was replaced by a newer one of the same entity. */
  onReplace?(): void;
  /** Runs once, when the subscriber leaves or the stream has ended. */
  onClose(): void;
}

const DONE: IteratorResult<never> = { value: undefined, done: true };

/**
 * One subscriber's queue between a shared upstream subscription and its socket. A twin is a
 * state, not a log: while an entity's event waits, a newer one of the same entity takes its
 * place (keeping its turn), so a slow subscriber sees fewer, newer events, and ends on the
 * last state of every entity it watches. Events whose result has started are never thrown
 * away, and results leave in arrival order. graphql-ws asks for the next result only after the
 * previous one was written to the socket, so a frozen client leaves at most one waiting event
 * per entity here (and `readAhead` started ones) without slowing anyone else.
 */
export class SubscriberStream<T, R> implements AsyncIterableIterator<R> {
  /** Results being produced, oldest first; never dropped or replaced. */
  private readonly started: Promise<R>[] = [];
  /** Events in production (started, or handed to the subscriber and not settled), per entity. */
  private readonly busy = new Map<string | symbol, number>();
  private inFlight = 0;
  /** Events not started yet, one per entity, in the order their entity first arrived. */
  private readonly waiting = new Map<string | symbol, T>();
  private consumer?: (result: Promise<IteratorResult<R>> | IteratorResult<R>) => void;
  /** Set when upstream ended: an optional last result (the error) goes out after the rest. */
  private ending?: { last?: R };
  private closed = false;

  constructor(private readonly options: SubscriberStreamOptions<T, R>) {}

  push(event: T): void {
    if (this.closed || this.ending) return;
    const key = this.options.keyOf(event) ?? Symbol('unkeyed');
    if (this.waiting.has(key)) this.options.onReplace?.();
    // Map.set on a present key keeps its place: the newer state takes the older one's turn.
    this.waiting.set(key, event);
    this.startAhead();
    while (this.waiting.size > this.options.limit) {
      this.waiting.delete(this.waiting.keys().next().value!);
      this.options.onDrop();
    }
    if (this.consumer) this.handOver();
  }

  /** Upstream is done: deliver what is waiting, then `last` if given, then complete. */
  end(last?: R): void {
    if (this.closed || this.ending) return;
    this.ending = { last };
    if (this.consumer) this.handOver();
  }

  next(): Promise<IteratorResult<R>> {
    this.startAhead(1);
    const result = this.started.shift();
    if (result) {
      this.startAhead();
      return result.then((value) => ({ value, done: false as const }));
    }
    if (this.ending && this.ending.last !== undefined) {
      const value = this.ending.last;
      this.ending.last = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ending || this.closed) return Promise.resolve(this.close());
    return new Promise((resolve) => (this.consumer = resolve));
  }

  return(): Promise<IteratorResult<R>> {
    return Promise.resolve(this.close());
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Moves waiting events of idle entities into production until `readAhead` (or at least
   * `atLeast`) are, and while fewer than `readAhead` results wait for the subscriber: one that
   * stops asking (a slow socket, a key paced to its rate) holds that many results, and its newer
   * events wait where they can still be replaced, instead of each being resolved for nobody.
   */
  private startAhead(atLeast = 0): void {
    const target = Math.max(atLeast, this.options.readAhead ?? 1);
    for (const [key, event] of this.waiting) {
      if ((this.inFlight >= target || this.started.length >= target) && this.started.length >= atLeast) break;
      if (this.busy.has(key)) continue;
      this.waiting.delete(key);
      this.started.push(this.produce(key, event));
    }
  }

  private produce(key: string | symbol, event: T): Promise<R> {
    this.inFlight++;
    this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
    const result = this.options.deliver(event);
    const settled = () => {
      this.inFlight--;
      const left = this.busy.get(key)! - 1;
      if (left > 0) this.busy.set(key, left);
      else this.busy.delete(key);
      if (this.closed) return;
      // The entity's newer event may go now, and a subscriber may be waiting for it.
      this.startAhead();
      if (this.consumer && this.started.length > 0) this.handOver();
    };
    // A result produced for a subscriber who then left is never awaited; its failure must not surface as unhandled.
    result.then(settled, settled);
    return result;
  }

  /** Answers the pending `next()`; cleared first, since producing the answer looks at it. */
  private handOver(): void {
    const consumer = this.consumer;
    this.consumer = undefined;
    consumer?.(this.next());
  }

  private close(): IteratorResult<R> {
    this.started.length = 0;
    this.waiting.clear();
    if (!this.closed) {
      this.closed = true;
      this.options.onClose();
    }
    const consumer = this.consumer;
    this.consumer = undefined;
    consumer?.(DONE);
    return DONE;
  }
}
