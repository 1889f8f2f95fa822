import { createBroker, SqlDeviceRegistry, brokerMigrations, type HearthBroker } from '@hearth/broker';
import { JobScheduler, loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { startSubgraphServer, type RunningSubgraph } from '@hearth/platform/graphql';
import type { Logger } from 'pino';
import type { ContextVerifier } from '@hearth/platform';
import { IngestPipeline } from './ingest/ingest-pipeline';
import { TankTwins } from './ingest/tank-twins';
import { TwinEvents } from './ingest/twin-events';
import { buildTwinsSchema } from './schema/twins-schema';
import { TankConfigStore } from './store/tank-config-store';

export const twinsMigrations = new URL('./migrations/', import.meta.url);
export { IngestPipeline, TankTwins, TwinEvents, TankConfigStore };

export interface TwinsServiceOptions {
  db: Database;
  port: number;
  host?: string;
  logger: Logger;
  /** Verifies the gateway's signed context on every request. */
  contextVerifier: ContextVerifier;
  mqtt: { tcpPort: number; wsPort?: number; host?: string; tls?: { port: number; cert: string; key: string } };
}

export interface RunningTwinsService extends RunningSubgraph {
  broker: HearthBroker;
  mqttPorts: { tcpPort: number; wsPort?: number; tlsPort?: number };
  pipeline: IngestPipeline;
  twins: TankTwins;
  scheduler?: JobScheduler;
}

/**
 * The twins service: restores every twin, embeds the MQTT broker that feeds them (so a
 * PUBACK can wait for the commit), and serves the twins subgraph with its subscriptions.
 * Expects the tanks schema to be migrated (it reads the published tank configuration view).
 */
export async function startTwinsService(options: TwinsServiceOptions): Promise<RunningTwinsService> {
  const { db, logger } = options;
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations), logger);
  await migrate(db, 'twins', await loadMigrations(twinsMigrations), logger);
  const configs = new TankConfigStore(db);
  await configs.start();
  const twins = new TankTwins();
  const restored = await twins.restore(db);
  const events = new TwinEvents();
  const pipeline = new IngestPipeline(db, twins, configs, events, logger.child({ component: 'ingest' }));
  const broker = createBroker({ logger: logger.child({ component: 'broker' }), registry: new SqlDeviceRegistry(db), sink: pipeline });
  const mqttPorts = await broker.listen(options.mqtt);
  // TimescaleDB runs its own jobs on a server; PGlite has no background workers.
  const scheduler = db.mode === 'embedded' ? new JobScheduler(db, logger.child({ component: 'jobs' })) : undefined;
  scheduler?.start();
  const server = await startSubgraphServer({
    name: 'twins',
    schema: await buildTwinsSchema({ db, twins, configs, events }),
    port: options.port,
    host: options.host,
    logger,
    contextVerifier: options.contextVerifier,
    domain: 'twins',
    ready: async () => (await db.query('SELECT 1')).length === 1,
  });
  logger.info({ restored, mqtt: mqttPorts }, 'twins service ready');
  return {
    ...server,
    broker,
    mqttPorts,
    pipeline,
    twins,
    scheduler,
    close: async () => {
      // Stop taking messages, then commit what was taken (graceful shutdown loses nothing acknowledged).
      await broker.close();
      await pipeline.drain();
      await scheduler?.stop();
      await configs.stop();
      await server.close();
    },
  };
}
