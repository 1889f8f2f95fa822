import type { Logger } from 'pino';
import { createHttpServer, listen, type RunningHttpServer } from './http-server';

export interface MetricsServerOptions {
  /** 0 = any free port. */
  port: number;
  /** Loopback unless told otherwise: only the deployment's own scraper should reach it. */
  host?: string;
  name: string;
  logger: Logger;
}

/** `/metrics` (with `/healthz` and `/readyz`) on a port of its own, for services whose main port faces the public. */
export function startMetricsServer(options: MetricsServerOptions): Promise<RunningHttpServer> {
  const server = createHttpServer({ name: options.name, logger: options.logger, routes: {} });
  return listen(server, options.port, options.host ?? '127.0.0.1');
}
