import { z } from 'zod';
import { commonEnv, ContextVerifier, createLogger, env, loadConfig, subgraphPort } from '@hearth/platform';
import { openDatabase } from '@hearth/platform/db';
import { startTanksService } from './index';

// The tanks service on its own (docker-compose); the embedded stack starts it in process instead.
const config = loadConfig(
  commonEnv.extend({ TANKS_PORT: env.port(subgraphPort('tanks')), HOST: z.string().default('0.0.0.0'), HEARTH_CONTEXT_PUBLIC_KEY_FILE: env.pemFile() }),
);
const logger = createLogger('tanks', config.LOG_LEVEL);
const db = await openDatabase(config);
const service = await startTanksService({
  db,
  port: config.TANKS_PORT,
  host: config.HOST,
  logger,
  contextVerifier: new ContextVerifier(config.HEARTH_CONTEXT_PUBLIC_KEY_FILE),
});
logger.info({ url: service.graphqlUrl }, 'tanks subgraph ready');

const shutdown = async () => {
  await service.close();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
