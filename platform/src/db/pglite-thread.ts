import { Worker } from 'node:worker_threads';

export interface PGliteResult<T> {
  rows: T[];
  affectedRows?: number;
}

type Request =
  | { op: 'query'; sql: string; params?: unknown[]; rowMode?: 'array'; inTransaction?: true }
  | { op: 'exec'; sql: string }
  | { op: 'begin' | 'commit' | 'rollback' }
  | { op: 'listen' | 'unlisten'; channel: string }
  | { op: 'close' };

interface RemoteError {
  message: string;
  name?: string;
  fields: Record<string, string | number>;
}

type Reply = { id: number; rows?: unknown[]; affectedRows?: number; error?: RemoteError };
type Pushed = { op: 'ready' } | { op: 'failed'; error: RemoteError } | { op: 'notify'; channel: string; payload: string };

/** The error as PGlite raised it, with PostgreSQL's fields (`code`, `detail`, `constraint` …) on it. */
const rebuild = (remote: RemoteError): Error => Object.assign(new Error(remote.message), remote.fields, remote.name ? { name: remote.name } : {});

/**
 * PGlite in a worker thread (`pglite-worker.mjs`), spoken to by message. Its WebAssembly runs each
 * statement synchronously on the thread that calls it: here that thread is not the one serving the
 * services' sockets, so a statement no longer stops the gateway, the broker and the subgraphs of the
 * process while it runs. Values cross as structured clones (Date, bigint, Uint8Array and JSON keep their
 * types). One session, as before: `EmbeddedDatabase` serialises callers; this class only carries messages.
 */
export class PGliteThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: Reply | Pushed) => {
      if ('id' in message) return this.settle(message);
      if (message.op === 'notify') for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const { reject } of this.pending.values()) reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Embedded database thread exited (code ${code})`)));
    // An idle database keeps no process alive; a statement in flight does (see `request`).
    worker.unref();
  }

  static async open(dataDir: string): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
    const listeners: { message?: (message: Pushed) => void; error?: (err: Error) => void; exit?: (code: number) => void } = {};
    try {
      await new Promise<void>((resolve, reject) => {
        listeners.message = (message) => {
          if (message.op === 'ready') resolve();
          else if (message.op === 'failed') reject(rebuild(message.error));
        };
        listeners.error = reject;
        listeners.exit = (code) => reject(new Error(`Embedded database thread exited while opening (code ${code})`));
        worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit);
      });
    } catch (err) {
      await worker.terminate();
      throw err;
    } finally {
      worker.off('message', listeners.message!).off('error', listeners.error!).off('exit', listeners.exit!);
    }
    return new PGliteThread(worker);
  }

  /**
   * One statement. `inTransaction`: it belongs to the transaction begun before it, and is refused
   * if that transaction is not open (its BEGIN, not awaited, failed) rather than run on its own.
   */
  async query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object'; inTransaction?: boolean }): Promise<PGliteResult<T>> {
    const reply = await this.request({
      op: 'query',
      sql,
      params,
      ...(options?.rowMode === 'array' ? { rowMode: 'array' } : {}),
      ...(options?.inTransaction ? { inTransaction: true } : {}),
    });
    return { rows: reply.rows as T[], affectedRows: reply.affectedRows };
  }

  /**
   * BEGIN, COMMIT, ROLLBACK. Requests are handled in the order they are sent, so a transaction's
   * statements may follow its BEGIN without waiting for it: each wait is a turn of the services'
   * thread, which a busy thread makes long (a batch of six statements waited about 25 ms per turn
   * at 5,000 readings a second while the database's thread was idle two thirds of the time).
   */
  async begin(): Promise<void> {
    await this.request({ op: 'begin' });
  }

  async commit(): Promise<void> {
    await this.request({ op: 'commit' });
  }

  async rollback(): Promise<void> {
    await this.request({ op: 'rollback' });
  }

  async exec(sql: string): Promise<void> {
    await this.request({ op: 'exec', sql });
  }

  /** LISTEN on `channel`; PGlite's notifications come back as messages, outside any statement. */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.request({ op: 'listen', channel });
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
      if (set.size > 0 || this.listeners.get(channel) !== set) return;
      this.listeners.delete(channel);
      await this.request({ op: 'unlisten', channel });
    };
  }

  async close(): Promise<void> {
    try {
      await this.request({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private request(request: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error) waiting.reject(rebuild(reply.error));
    else waiting.resolve(reply);
  }
}
