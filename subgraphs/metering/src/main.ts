import { z } from 'zod';
import { ContextVerifier, env, subgraphPort } from '@hearth/platform';
import { runService } from '@hearth/platform/service';
import { startMeteringService } from './index';

// The metering service on its own (docker-compose); the embedded stack starts it in process instead.
await runService(
  'metering',
  {
    METERING_PORT: env.port(subgraphPort('metering')),
    HOST: z.string().default('0.0.0.0'),
    HEARTH_CONTEXT_PUBLIC_KEY_FILE: env.pemFile(),
  },
  ({ config, logger, db }) =>
    startMeteringService({
      db,
      port: config.METERING_PORT,
      host: config.HOST,
      logger,
      contextVerifier: new ContextVerifier(config.HEARTH_CONTEXT_PUBLIC_KEY_FILE),
    }),
  (service) => ({ url: service.graphqlUrl }),
);
