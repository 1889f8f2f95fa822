import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { tableExists } from '../db/table-cursor';
import { Periodic } from './periodic';

export interface TableFollowerOptions {
  /** Names it in the log of a run that failed. */
  name: string;
  db: Database;
  /** How often it runs unasked, ms: the writer may notify nothing, and a notice can be lost. */
  pollMs: number;
  /** The writer's NOTIFY channel: a notice runs it at once rather than at the next poll. */
  channel?: string;
  /**
   * What a notice does before it wakes a run, given its payload; false: the notice is not for this
   * follower, and wakes nothing. It logs its own failures (it must not reject). Without it, every
   * notice wakes a run.
   */
  heard?: (payload: string) => Promise<boolean>;
  /**
   * The other service's tables it reads: nothing runs until all exist, as that service may migrate
   * after this one starts. Once there they are not looked for again.
   */
  tables?: readonly string[];
  /** One run: what is new in the table (`followTable`), taken in. */
  run: () => Promise<unknown>;
}

/**
 * Follows another service's table in the background: a run on each NOTIFY of its writer and on a
 * poll behind it, one run at a time (`Periodic`), and one at start for what was written while this
 * service was down. Nothing runs before `start` nor after `stop`; what a run reads is the caller's.
 */
export class TableFollower {
  private listening?: Promise<() => Promise<void>>;
  private periodic?: Periodic;
  private present: boolean;

  constructor(private readonly options: TableFollowerOptions) {
    this.present = !options.tables?.length;
  }

  /**
   * LISTENs now, ahead of `start` (a notice before it wakes nothing): so the run at start misses
   * nothing written between it and the LISTEN. `start` listens itself when this was not called.
   */
  listen(): Promise<void> {
    const { db, channel } = this.options;
    if (!channel) return Promise.resolve();
    if (!this.listening) {
      const listening = db.listen(channel, (payload) => void this.heard(payload));
      this.listening = listening;
      // A LISTEN that failed is tried again at the next `listen` (the caller's start fails with it).
      void listening.catch(() => {
        if (this.listening === listening) this.listening = undefined;
      });
    }
    return this.listening.then(() => undefined);
  }

  /** Listens, starts the poll, and runs once at once; resolves when that run is done. Failed runs go to `logger`. */
  async start(logger: Logger): Promise<void> {
    if (this.periodic) return;
    const periodic: Periodic = new Periodic(this.options.name, this.options.pollMs, () => this.runOf(periodic), logger);
    this.periodic = periodic;
    await this.listen();
    if (this.periodic !== periodic) return;
    periodic.start();
    await periodic.run();
  }

  /** Runs now, or once more right after the run under way (which may have read before the news). */
  wake(): Promise<void> {
    return this.periodic?.wake() ?? Promise.resolve();
  }

  /** Runs now, or waits for the run under way (tests). */
  run(): Promise<void> {
    return this.periodic?.run() ?? Promise.resolve();
  }

  /** Stops listening and polling, and waits for the run in flight; a run a wake queued does not happen. */
  async stop(): Promise<void> {
    const { periodic, listening } = this;
    this.periodic = undefined;
    this.listening = undefined;
    const unlisten = await listening?.catch(() => undefined);
    await unlisten?.();
    await periodic?.stop();
  }

  private async runOf(periodic: Periodic): Promise<void> {
    // Stopped since this run was asked for (a wake queued behind the run stop waited for).
    if (this.periodic !== periodic) return;
    if (!this.present) this.present = await allExist(this.options.db, this.options.tables ?? []);
    if (this.present) await this.options.run();
  }

  private async heard(payload: string): Promise<void> {
    if (this.options.heard && !(await this.options.heard(payload))) return;
    await this.wake();
  }
}

async function allExist(db: Database, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) if (!(await tableExists(db, table))) return false;
  return true;
}
