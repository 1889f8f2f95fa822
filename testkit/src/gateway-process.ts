import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@hearth/platform';
import { exited, spawnService } from './stack-process';

const MAIN = fileURLToPath(new URL('../../gateway/src/main.ts', import.meta.url));

export interface GatewayProcess {
  graphqlUrl: string;
  wsUrl: string;
  metricsUrl: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (kill -9 after 10 s). */
  stop(): Promise<void>;
}

/**
 * The gateway service as docker-compose runs it (`gateway/src/main.ts`, its own OS process) on
 * free loopback ports, configured by `env` (DATABASE_URL, SUBGRAPH_URLS, REDIS_URL …). Resolves
 * once /readyz answers (its supergraph is loaded); rejects with its output if it exits first.
 */
export async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const { child, output } = spawnService(
    MAIN,
    {
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_METRICS_PORT: String(metricsPort),
      GATEWAY_POLL_INTERVAL_MS: '0',
      ...env,
    },
    [],
    `gateway :${port}`,
  );
  const url = `http://127.0.0.1:${port}`;
  const gone = exited(child).then((code) => Promise.reject(new Error(`gateway exited with ${code} before it was ready:\n${output()}`)));
  for (let ready = false; !ready;) {
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), gone]);
    ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
  }
  gone.catch(() => undefined);
  return {
    graphqlUrl: `${url}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(killer);
    },
  };
}
