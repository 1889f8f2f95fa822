import { createLogger, type Logger } from '@hearth/platform';
import { startCatalogSubgraph, type RunningCatalog } from '@hearth/testkit/fixtures/catalog/index';
import { startLiveSubgraph, type RunningLive } from '@hearth/testkit/fixtures/live/index';
import { startGateway, type GatewayOptions, type RunningGateway } from '../start-gateway';

export interface FixtureStack {
  catalog: RunningCatalog;
  live: RunningLive;
  gateway: RunningGateway;
  logger: Logger;
  close(): Promise<void>;
}

export const testLogger = () => createLogger('gateway-test', (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent');

/** The catalog and live fixture subgraphs behind a gateway, all on free local ports. */
export async function startFixtureStack(options: Partial<Omit<GatewayOptions, 'subgraphs'>> = {}): Promise<FixtureStack> {
  const logger = testLogger();
  const catalog = await startCatalogSubgraph({ logger });
  const live = await startLiveSubgraph({ logger });
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    logger,
    ...options,
    subgraphs: [
      { name: 'catalog', url: catalog.graphqlUrl },
      { name: 'live', url: live.graphqlUrl },
    ],
  });
  return {
    catalog,
    live,
    gateway,
    logger,
    close: async () => {
      await gateway.close();
      // A test may have stopped a subgraph already; closing it again is harmless.
      await Promise.allSettled([catalog.close(), live.close()]);
    },
  };
}

/** Polls until `check` returns true; fails with `what` after the timeout. */
// One polling helper for every test suite.
export { waitUntil } from '@hearth/testkit/eventually';

/** One sample of a Prometheus metric from the gateway's /metrics (0 when not yet recorded). */
export async function metricValue(gatewayUrl: string, series: string): Promise<number> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
