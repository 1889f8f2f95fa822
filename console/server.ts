/**
 * Serves the built console (adapter-node's `handler`) on node:http, so the one-process stack
 * can embed it next to the gateway. Build first with `npm run build:console`.
 *
 * Configuration is read from process.env when the handler is first loaded (SvelteKit copies
 * `$env/dynamic/private` once, at init): set GATEWAY_PORT or HEARTH_PUBLIC_GATEWAY_URL before
 * the first startConsole() in a process.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The slice of a pino logger the console uses; the host passes its own (child) logger. */
export interface ConsoleLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ConsoleOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  logger?: ConsoleLogger;
}

export interface RunningConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Next = (err?: unknown) => void;
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;

const HANDLER_URL = new URL('./build/handler.js', import.meta.url);

async function loadHandler(): Promise<Handler> {
  if (!existsSync(HANDLER_URL)) {
    throw new Error(`The console is not built (${HANDLER_URL.pathname} is missing). Run \`npm run build:console\` and start again.`);
  }
  // A variable specifier keeps TypeScript (and bundlers) from resolving a file that may not exist yet.
  const mod = (await import(HANDLER_URL.href)) as { handler: Handler };
  return mod.handler;
}

export async function startConsole({ port, host = '0.0.0.0', logger }: ConsoleOptions): Promise<RunningConsole> {
  const handler = await loadHandler();
  const server = http.createServer((req, res) => {
    // adapter-node's handler answers every path itself; `next` only runs on an internal error.
    handler(req, res, (err) => {
      if (err) logger?.error({ err, url: req.url }, 'console request failed');
      if (!res.headersSent) res.writeHead(err ? 500 : 404, { 'content-type': 'text/plain' });
      res.end(err ? 'Internal error' : 'Not found');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}`;
  logger?.info({ url, gatewayPort: process.env.GATEWAY_PORT, gatewayUrl: process.env.HEARTH_PUBLIC_GATEWAY_URL }, 'console listening');

  return {
    url,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
