import { resolve } from 'node:path';
import { z } from 'zod';
import { commonEnv, createLogger, DEMO_TENANT_ID, env, loadConfig } from '@hearth/platform';
import { twinsEnv, twinsSettings } from '@hearth/twins';
import { startStack } from './start-stack';

// `npm start`: the whole stack in one process on the embedded database, with demo data and a simulator.
const config = loadConfig(
  commonEnv
    .extend({
      HOST: z.string().default('0.0.0.0'),
      GATEWAY_PORT: env.port(4000),
      CONSOLE_PORT: env.port(5173),
      MQTT_PORT: env.port(1883),
      MQTT_WS_PORT: env.port(8083),
      GATEWAY_METRICS_PORT: env.port(9464),
      SIMULATOR: env.bool(true),
      CONSOLE: env.bool(true),
      HEARTH_DEFAULT_TENANT_ID: z.uuid().default(DEMO_TENANT_ID),
      CORS_ORIGINS: z
        .string()
        .default('')
        .transform((s) =>
          s
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
        ),
    })
    .extend(twinsEnv.omit({ FLEET_PORT: true }).shape),
);
if (config.DATABASE_URL) {
  throw new Error('npm start runs the embedded stack; with DATABASE_URL run each service on its own (see docker-compose.yml).');
}
const logger = createLogger('hearth', config.LOG_LEVEL);
const dataDir = resolve(config.HEARTH_DATA_DIR);
const stack = await startStack({
  dataDir,
  logger,
  host: config.HOST,
  gatewayPort: config.GATEWAY_PORT,
  consolePort: config.CONSOLE ? config.CONSOLE_PORT : null,
  mqttPort: config.MQTT_PORT,
  mqttWsPort: config.MQTT_WS_PORT,
  metricsPort: config.GATEWAY_METRICS_PORT,
  simulate: config.SIMULATOR,
  tenantId: config.HEARTH_DEFAULT_TENANT_ID,
  extraCorsOrigins: config.CORS_ORIGINS,
  twins: twinsSettings({ ...config, FLEET_PORT: 0 }),
});

process.stdout.write(`
Hearth is running (embedded database in ${dataDir}/db)
  GraphQL gateway   ${stack.urls.graphql}   (subscriptions: ${stack.urls.ws})
  Console           ${stack.urls.console ? `${stack.urls.console}/tanks` : '(off: CONSOLE=false)'}
  MQTT              ${stack.urls.mqtt}${stack.urls.mqttWs ? `   (WebSocket: ${stack.urls.mqttWs})` : ''}
  Metrics           ${stack.urls.metrics}   (loopback only)
  Console login     ${stack.demo.admin.email} / ${stack.demo.admin.password}   (API key for third-party calls in demo.json)
  Demo ids and the gateway's MQTT credentials: ${stack.demoFile}
  Simulator         ${config.SIMULATOR ? `publishing for ${stack.demo.tanks.length} tanks, ${stack.demo.detectors.length} gas detectors and ${stack.demo.valves.length} valves as ${stack.demo.gateways.map((g) => g.id).join(', ')}` : 'off (SIMULATOR=false)'}
Stop with Ctrl+C.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await stack.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
