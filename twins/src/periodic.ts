import type { Logger } from 'pino';

export interface Periodic {
  /** Runs it now (tests, start-up), or waits for the run in progress. */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Runs `fn` every `intervalMs`, never two at once; a failure is logged and the next tick tries again. */
export function startPeriodic(name: string, intervalMs: number, fn: () => Promise<unknown>, logger: Logger): Periodic {
  let running: Promise<void> | undefined;
  const runNow = () =>
    (running ??= fn()
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err, job: name }, 'periodic job failed'))
      .finally(() => (running = undefined)));
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
