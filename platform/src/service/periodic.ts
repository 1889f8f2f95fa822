import type { Logger } from 'pino';

/**
 * Runs `task` every `intervalMs` on a timer the service owns (stopped on close), one run at a time:
 * a run that outlasts the interval is not stacked with another. `run()` runs it now (tests).
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  run(): Promise<void> {
    this.running ??= this.task()
      .then(
        () => undefined,
        (err: unknown) => this.logger.error({ err, task: this.name }, 'periodic task failed; it runs again at its next tick'),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Runs now; or, when a run is under way (which may have read before the news that woke this one:
   * a NOTIFY of new rows), once more right after it: one extra run however many ask meanwhile.
   */
  wake(): Promise<void> {
    if (!this.running) return this.run();
    this.again ??= this.running.then(() => {
      this.again = undefined;
      return this.run();
    });
    return this.again;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
