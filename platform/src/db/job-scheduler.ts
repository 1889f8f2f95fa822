import type { Logger } from 'pino';
import type { Database } from './database';

interface Job {
  jobId: number;
  procName: string;
  intervalMs: number;
}

/**
 * TimescaleDB's background workers never run inside PGlite, so policies registered with
 * add_continuous_aggregate_policy / add_compression_policy / add_retention_policy are run
 * here with `CALL run_job(id)` when due. On a server, TimescaleDB's own scheduler does it
 * and this is not started.
 */
export class JobScheduler {
  private timer?: NodeJS.Timeout;
  private readonly lastRun = new Map<number, number>();
  private running?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly tickMs = 5_000,
  ) {}

  /**
   * Runs every job once, then each when due. Await it before the service takes traffic: a job's
   * first run in a process is its slowest (the 1-minute aggregate's refresh took 0.55 s where later
   * runs take under 0.06 s), and the one embedded session held that long stalled every commit
   * behind it — PUBACKs and live events included — a few seconds after each start.
   */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs every job whose interval has passed since it last ran here (all of them on the first tick). */
  tick(now = Date.now()): Promise<void> {
    this.running ??= this.runDue(now).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs every registered job now, whatever its schedule (tests and start-up catch-up). */
  async runAll(): Promise<void> {
    for (const job of await this.jobs()) await this.run(job, Date.now());
  }

  private async runDue(now: number): Promise<void> {
    for (const job of await this.jobs()) {
      const last = this.lastRun.get(job.jobId);
      if (last === undefined || now - last >= job.intervalMs) await this.run(job, now);
    }
  }

  private async jobs(): Promise<Job[]> {
    const rows = await this.db.query<{ job_id: number; proc_name: string; interval_ms: number }>(
      `SELECT job_id, proc_name, (extract(epoch FROM schedule_interval) * 1000)::float8 AS interval_ms
         FROM timescaledb_information.jobs WHERE scheduled AND job_id >= 1000 ORDER BY job_id`,
    );
    return rows.map((r) => ({ jobId: r.job_id, procName: r.proc_name, intervalMs: r.interval_ms }));
  }

  private async run(job: Job, now: number): Promise<void> {
    this.lastRun.set(job.jobId, now);
    try {
      await this.db.exec(`CALL run_job(${Number(job.jobId)})`);
    } catch (err) {
      this.logger.warn({ err, jobId: job.jobId, proc: job.procName }, 'timescaledb job failed');
    }
  }
}
