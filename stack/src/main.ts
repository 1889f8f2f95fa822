import { resolve } from 'node:path';
import { z } from 'zod';
import { commonEnv, createLogger, DEMO_TENANT_ID, env, loadConfig } from '@hearth/platform';
import { openDatabase, redactUrl } from '@hearth/platform/db';
import { serviceEnv } from '@hearth/platform/service';
import { twinsEnv, twinsSettings } from '@hearth/twins';
import { startStack } from './start-stack';

// `npm start`: the whole stack in one process, with a simulator; on the embedded database with demo
// data, or with DATABASE_URL on that TimescaleDB server (demo data only with HEARTH_DEMO=true).
const config = loadConfig(
  commonEnv
    .extend(serviceEnv.shape)
    .extend({
      HOST: z.string().default('0.0.0.0'),
      GATEWAY_PORT: env.port(4000),
      CONSOLE_PORT: env.port(5173),
      MQTT_PORT: env.port(1883),
      MQTT_WS_PORT: env.port(8083),
      GATEWAY_METRICS_PORT: env.port(9464),
      SIMULATOR: env.bool(true),
      CONSOLE: env.bool(true),
      // Unset: the demo company on the embedded database, none on a server (a gas company's own data lives there).
      HEARTH_DEMO: z
        .enum(['true', 'false', '1', '0', 'yes', 'no'])
        .optional()
        .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
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
const logger = createLogger('hearth', config.LOG_LEVEL);
const dataDir = resolve(config.HEARTH_DATA_DIR);
// A server that is not reachable yet is waited for, as each service on its own waits (runService).
const db = config.DATABASE_URL
  ? await openDatabase(config, { logger, timeoutMs: config.DATABASE_WAIT_SECONDS * 1000 }).catch((err: unknown): never => {
      logger.fatal({ err }, 'cannot open the database');
      process.exit(1);
    })
  : undefined;
const stack = await startStack({
  dataDir,
  db,
  demo: config.HEARTH_DEMO ?? !db,
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

const { demo } = stack;
const forecourtLine =
  demo && config.SIMULATOR
    ? `
  Forecourts        ${demo.fuelStations.length} fuel stations, ${demo.pumps.length} pumps as ${demo.fuelGateways.map((g) => g.id).join(', ')}: a card sale every 20-60 s per station,
                    a pump's power cut mid-sale every 15-30 min; Riverside's pumps speak Wayne DART to the edge bridge (in-process serial lines),
                    Airport Road's are played over MQTT and its link drops for 3-6 min every 40-80 min (offline card sales, uploaded when back)
                    and it confirms each card-list version it applies; ${demo.fuelTanks?.length ?? 0} underground tanks fall by the litres sold, gauged
                    every 10-30 s (Riverside: a Veeder-Root TLS console polled by the bridge), a tanker refills one below 25 %,
                    and every 3-6 h one loses 60-150 L unsold (a leak or theft) for the wet-stock report to find`
    : '';
const meteringLine =
  demo?.meters && config.SIMULATOR
    ? `
  Meters            ${demo.mall.name}: ${demo.meters.filter((m) => m.kind === 'ELECTRICITY').length} shops on a TOU resale tariff, ${demo.homes.name}: ${demo.meters.filter((m) => m.kind === 'GAS').length} gas meters on monthly tiers;
                    each meter reports every 30 s a reading carrying 15 minutes' consumption (demo time: a quarter-hour per half-minute,
                    stamped with the real time, priced by the real time of day); B1's first 20 shops are DL/T 645 meters and the next 10
                    Modbus meters on RS-485 lines of the edge bridge (${demo.meteringGateways[0]?.id}), the rest report over MQTT;
                    ${demo.lowTenant.name} starts at ¥25 and is cut off within ~5 min, topped up ¥40 2½ min later and reconnected,
                    then runs out again (a cycle of ~10 min); other tenants top up when alarm 1 has warned them`
    : '';
const demoLines = demo
  ? `  Console login     ${demo.admin.email} / ${demo.admin.password}   (API key for third-party calls in demo.json)
  Demo ids and the gateway's MQTT credentials: ${stack.demoFile}
  Simulator         ${config.SIMULATOR ? `publishing for ${demo.tanks.length} tanks, ${demo.detectors.length} gas detectors and ${demo.valves.length} valves as ${demo.gateways.map((g) => g.id).join(', ')}; a filling line of ${demo.fillingScales.length} scales; a customer top-up or delivery order every 20 s, cylinders to stores and customers every 30 s` : 'off (SIMULATOR=false)'}${forecourtLine}${meteringLine}`
  : `  Demo data         none (HEARTH_DEMO=true seeds the demo company); your first admin:
                    node --import tsx gateway/src/cli/bootstrap-tenant.ts --name "<company>" --email <admin email>`;
// Before the banner: whoever reads it may signal at once.
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

process.stdout.write(`
Hearth is running (${config.DATABASE_URL ? `TimescaleDB server ${redactUrl(config.DATABASE_URL)}` : `embedded database in ${dataDir}/db`})
  GraphQL gateway   ${stack.urls.graphql}   (subscriptions: ${stack.urls.ws})
  Console           ${stack.urls.console ? `${stack.urls.console}/tanks` : '(off: CONSOLE=false)'}
  MQTT              ${stack.urls.mqtt}${stack.urls.mqttWs ? `   (WebSocket: ${stack.urls.mqttWs})` : ''}
  Metrics           ${stack.urls.metrics}   (loopback only)
${demoLines}
Stop with Ctrl+C.
`);
