import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { metricsRegistry } from './metrics';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  name: string;
  logger: Logger;
  /** Exact paths to handlers, looked up per request (a route may be added after start); `/healthz`, `/readyz` and `/metrics` are built in. */
  routes: Record<string, RouteHandler>;
  /**
   * Serve `/metrics` here (default true, for services only reachable inside the deployment). A
   * server facing the public turns it off and serves metrics on an internal port (startMetricsServer):
   * metrics name tenants' traffic, limits and internals no outsider should read.
   */
  metrics?: boolean;
  /** Readiness: dependencies answer (database, subgraphs). */
  ready?: () => Promise<boolean>;
  /** Origins allowed to call from a browser; `*` allows any. */
  corsOrigins?: string[];
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const serveMetrics: RouteHandler = async (_req, res) => {
  res.writeHead(200, { 'content-type': metricsRegistry.contentType });
  res.end(await metricsRegistry.metrics());
};

/** A small router on node:http carrying the operational endpoints every service has. */
export function createHttpServer(options: HttpServerOptions): Server {
  const ops: Record<string, RouteHandler> = {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }),
    '/readyz': async (_req, res) => {
      const ok = await (options.ready?.() ?? Promise.resolve(true)).catch(() => false);
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', service: options.name });
    },
    ...(options.metrics === false ? {} : { '/metrics': serveMetrics }),
  };
  return createServer((req, res) => {
    applyCors(req, res, options.corsOrigins ?? []);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const handler = options.routes[path] ?? ops[path];
    if (!handler) return sendJson(res, 404, { error: `No route ${path}` });
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      options.logger.error({ err, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
}

function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[]): void {
  const origin = req.headers.origin;
  if (!origin || origins.length === 0) return;
  if (!origins.includes('*') && !origins.includes(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-headers', 'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  // Browser callers (partner web shops) may read their rate-limit state.
  res.setHeader('access-control-expose-headers', 'ratelimit-policy, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after');
}

export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<RunningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    port: bound,
    url: `http://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a request body up to a limit; larger bodies are refused rather than buffered. */
export async function readBody(req: IncomingMessage, limitBytes = 1_048_576): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw Object.assign(new Error(`Request body over ${limitBytes} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
