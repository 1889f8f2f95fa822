import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContextVerifier, env, subgraphPort } from '@hearth/platform';
import { runService } from '@hearth/platform/service';
import { startTwinsService } from './index';
import { twinsEnv, twinsSettings } from './twins-config';

// The twins service with its MQTT broker on its own (docker-compose): the twins and fleet subgraphs
// (TWINS_PORT, FLEET_PORT); the embedded stack starts it in process. Closing it stops the broker and
// commits the telemetry it took before exit.
// It reads the tank configuration the tanks service publishes, so start tanks (and its migrations) first.
await runService(
  'twins',
  {
    TWINS_PORT: env.port(subgraphPort('twins')),
    HOST: z.string().default('0.0.0.0'),
    MQTT_PORT: env.port(1883),
    MQTT_WS_PORT: env.port(8083),
    MQTT_TLS_PORT: env.port(8883),
    MQTT_TLS_CERT_FILE: z.string().optional(),
    MQTT_TLS_KEY_FILE: z.string().optional(),
    HEARTH_CONTEXT_PUBLIC_KEY_FILE: env.pemFile(),
    ...twinsEnv.shape,
  },
  async ({ config, logger, db }) => {
    const tls =
      config.MQTT_TLS_CERT_FILE && config.MQTT_TLS_KEY_FILE
        ? { port: config.MQTT_TLS_PORT, cert: await readFile(config.MQTT_TLS_CERT_FILE, 'utf8'), key: await readFile(config.MQTT_TLS_KEY_FILE, 'utf8') }
        : undefined;
    return startTwinsService({
      db,
      port: config.TWINS_PORT,
      host: config.HOST,
      logger,
      contextVerifier: new ContextVerifier(config.HEARTH_CONTEXT_PUBLIC_KEY_FILE),
      mqtt: { tcpPort: config.MQTT_PORT, wsPort: config.MQTT_WS_PORT, host: config.HOST, tls },
      fleetPort: config.FLEET_PORT,
      redis: config.REDIS_URL ? { url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX } : undefined,
      ...twinsSettings(config),
    });
  },
  (service) => ({ url: service.graphqlUrl, fleet: service.fleet.graphqlUrl, mqtt: service.mqttPorts }),
);
