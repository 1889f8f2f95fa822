import { z } from 'zod';
import { ContextVerifier, env, subgraphPort } from '@hearth/platform';
import { loadPiiKeys } from '@hearth/platform/pii';
import { runService } from '@hearth/platform/service';
import { startCustomersService } from './index';

// The customers service on its own (docker-compose); the embedded stack starts it in process instead.
await runService(
  'customers',
  {
    CUSTOMERS_PORT: env.port(subgraphPort('customers')),
    HOST: z.string().default('0.0.0.0'),
    HEARTH_CONTEXT_PUBLIC_KEY_FILE: env.pemFile(),
    // The key file (a docker secret) that encrypts ID and phone numbers; see README, "Personal data".
    HEARTH_PII_KEY_FILE: z.string().min(1),
  },
  ({ config, logger, db }) =>
    startCustomersService({
      db,
      port: config.CUSTOMERS_PORT,
      host: config.HOST,
      logger,
      contextVerifier: new ContextVerifier(config.HEARTH_CONTEXT_PUBLIC_KEY_FILE),
      pii: loadPiiKeys({ keyFile: config.HEARTH_PII_KEY_FILE }),
    }),
  (service) => ({ url: service.graphqlUrl }),
);
