import { z } from 'zod';
import { ContextVerifier, env, subgraphPort } from '@hearth/platform';
import { runService } from '@hearth/platform/service';
import { startFuelingService } from './index';

// The fueling service on its own (docker-compose); the embedded stack starts it in process instead.
await runService(
  'fueling',
  {
    FUELING_PORT: env.port(subgraphPort('fueling')),
    HOST: z.string().default('0.0.0.0'),
    HEARTH_CONTEXT_PUBLIC_KEY_FILE: env.pemFile(),
  },
  ({ config, logger, db }) =>
    startFuelingService({
      db,
      port: config.FUELING_PORT,
      host: config.HOST,
      logger,
      contextVerifier: new ContextVerifier(config.HEARTH_CONTEXT_PUBLIC_KEY_FILE),
    }),
  (service) => ({ url: service.graphqlUrl }),
);
