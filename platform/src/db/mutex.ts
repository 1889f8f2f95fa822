/**
 * A FIFO async mutex. The embedded database is one PostgreSQL session, so every
 * transaction (ours and TypeORM's) must hold this lock from BEGIN to COMMIT, or two
 * callers' statements interleave inside one transaction.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private held = 0;

  get locked(): boolean {
    return this.held > 0;
  }

  /** Resolves with a release function once the lock is ours. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => {
      this.held++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.held--;
        release();
      };
    });
    this.tail = this.tail.then(() => next);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
