/**
 * What one subscriber has yet to read: the newest state of each key, oldest change first. An order
 * that changes again before the subscriber reads it is sent once, as it is now, so a slow reader
 * holds one entry per order and never a backlog. Ends when the reader returns (it leaves) or `end`.
 */
export class LatestQueue<T> implements AsyncIterableIterator<T> {
  private readonly waiting = new Map<string, T>();
  private wake?: () => void;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  push(key: string, value: T): void {
    if (this.ended) return;
    this.waiting.delete(key);
    this.waiting.set(key, value);
    this.wake?.();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    this.wake?.();
  }

  async next(): Promise<IteratorResult<T>> {
    while (this.waiting.size === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    const first = this.waiting.entries().next();
    if (this.ended || first.done) return { value: undefined, done: true };
    this.waiting.delete(first.value[0]);
    return { value: first.value[1], done: false };
  }

  async return(): Promise<IteratorResult<T>> {
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
