/**
 * An async queue that keeps only the newest value per key: a value pushed while an older one of
 * its key waits takes that one's place (and turn). Its memory is bounded by the keys, however
 * slowly it is read. `onEnd` runs once, when it ends or its reader stops.
 */
export class LatestByKey<T> implements AsyncIterableIterator<T> {
  private readonly waiting = new Map<string, T>();
  private reader?: (result: IteratorResult<T>) => void;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  push(key: string, value: T): void {
    if (this.ended) return;
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      return reader({ value, done: false });
    }
    this.waiting.set(key, value);
  }

  next(): Promise<IteratorResult<T>> {
    const first = this.waiting.entries().next();
    if (!first.done) {
      this.waiting.delete(first.value[0]);
      return Promise.resolve({ value: first.value[1], done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.reader = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** No more values: what waits is still read, then the queue is done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    const reader = this.reader;
    this.reader = undefined;
    reader?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
