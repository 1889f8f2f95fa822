/**
 * Who waits for the embedded session: the ingest pipeline (device data whose PUBACKs wait for its
 * commit) or anything else (requests, tasks, jobs).
 */
export type SessionLane = 'ingest' | 'requests';

/**
 * An async mutex whose waiters take turns by lane, first come first served within a lane. The
 * embedded database is one PostgreSQL session, so every transaction (ours and TypeORM's) must hold
 * this lock from BEGIN to COMMIT, or two callers' statements interleave inside one transaction. With
 * one queue for everybody, a flood of requests (a hundred logins, each looking up its account) put
 * every device's acknowledgement behind all of them; taking turns, an ingest batch waits for at most
 * the holder and one request.
 */
export class Mutex {
  private held = false;
  private readonly waiting: Record<SessionLane, (() => void)[]> = { ingest: [], requests: [] };
  private lastServed: SessionLane = 'requests';

  get locked(): boolean {
    return this.held;
  }

  /** Resolves with a release function once the lock is ours. */
  acquire(lane: SessionLane = 'requests'): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        this.lastServed = lane;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.held = false;
          this.next()?.();
        });
      };
      if (this.held) this.waiting[lane].push(grant);
      else grant();
    });
  }

  async run<T>(fn: () => Promise<T>, lane: SessionLane = 'requests'): Promise<T> {
    const release = await this.acquire(lane);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** The other lane's first waiter if it has one, else this lane's. */
  private next(): (() => void) | undefined {
    const other: SessionLane = this.lastServed === 'ingest' ? 'requests' : 'ingest';
    return this.waiting[other].shift() ?? this.waiting[this.lastServed].shift();
  }
}
