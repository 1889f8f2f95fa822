import { resolve } from 'node:path';
import { ConfigError, createLogger, env, loadConfig } from '@hearth/platform';
import { z } from 'zod';
import { loadSiteConfig } from './config/load-site-config';
import { EdgeBridge } from './edge-bridge';

// The edge bridge at a site: node --import tsx edge/src/bridge/main.ts <site-config.yaml>
const { LOG_LEVEL } = loadConfig(z.object({ LOG_LEVEL: env.logLevel() }));
const logger = createLogger('edge-bridge', LOG_LEVEL);

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node --import tsx edge/src/bridge/main.ts <site-config.yaml>   (see edge/examples/site.yaml)\n');
  process.exit(2);
}

let bridge: EdgeBridge;
try {
  // npm run -w edge moves into edge/; INIT_CWD is where the command was typed.
  const config = await loadSiteConfig(resolve(process.env.INIT_CWD ?? process.cwd(), file));
  bridge = await EdgeBridge.start({ config, logger });
} catch (err) {
  // An integrator reads this on a terminal: the list of problems, not a JSON log line.
  process.stderr.write(err instanceof ConfigError ? `${file}: ${err.message}\n` : `edge bridge failed to start: ${(err as Error).message}\n`);
  process.exit(1);
}

const shutdown = async (signal: string) => {
  logger.info({ signal }, 'shutting down: delivering what is in flight, the rest stays journaled');
  await bridge.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
