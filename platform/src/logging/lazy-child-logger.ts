import type { Bindings, Logger } from 'pino';

/**
 * A request's context whose child logger is made when something first logs: most requests log
 * nothing, and a pino child serialises its bindings. The getter lives on the class, not the
 * object, because Apollo Server copies each operation's context with Object.assign, which
 * would call an own getter (and make the logger) every time.
 */
export abstract class LazyChildLogger {
  private child?: Logger;

  constructor(private readonly parentLogger: Logger) {}

  /** What the child logger carries (tenant, request id, …); asked once, when it is made. */
  protected abstract bindings(): Bindings;

  get logger(): Logger {
    return (this.child ??= this.parentLogger.child(this.bindings()));
  }
}
