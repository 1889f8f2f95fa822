import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';

export interface GatewayLoader {
  /** The running Apollo Server once a supergraph has loaded. */
  current(): ApolloServer<GatewayContext> | undefined;
  /** Settles after the first attempt, loaded or not. */
  firstAttempt: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps trying to compose the supergraph with exponential back-off. Subgraphs often start
 * after the gateway (docker-compose, rolling deploys); meanwhile the gateway stays up and
 * reports not-ready on /readyz instead of crashing.
 */
export function loadWithRetry(start: () => Promise<ApolloServer<GatewayContext>>, logger: Logger, backoff = { initialMs: 500, maxMs: 30_000 }): GatewayLoader {
  let apollo: ApolloServer<GatewayContext> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const attempt = async (failures: number): Promise<void> => {
    try {
      const started = await start();
      if (stopped) return void (await started.stop());
      apollo = started;
      logger.info('supergraph loaded');
    } catch (err) {
      if (stopped) return;
      const retryInMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
      logger.warn({ err, retryInMs }, 'could not load the supergraph; retrying');
      timer = setTimeout(() => (inFlight = attempt(failures + 1)), retryInMs);
    }
  };
  inFlight = attempt(0);
  return {
    current: () => apollo,
    firstAttempt: inFlight,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await apollo?.stop();
    },
  };
}
