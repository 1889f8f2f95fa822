import { createBroker, SqlDeviceRegistry, brokerMigrations, type BrokerLimits, type DeviceKind, type HearthBroker } from '@hearth/broker';
import { migrateAudit } from '@hearth/platform/audit';
import { JobScheduler, loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { Periodic } from '@hearth/platform/service';
import { startSubgraphServer, type RunningSubgraph } from '@hearth/platform/graphql';
import type { Logger } from 'pino';
import type { ContextVerifier } from '@hearth/platform';
import { expireCommands } from './commands/command-expiry';
import { CommandDispatcher } from './commands/command-dispatcher';
import { defaultCommandSettings, DesiredStateService, type CommandSettings } from './commands/desired-state.service';
import { checkConnectivity, defaultConnectivity, startOffline, type ConnectivitySettings } from './connectivity/connectivity-monitor';
import { DeviceService } from './fleet/device.service';
import { buildFleetSchema } from './fleet/fleet-schema';
import { GatewayService } from './fleet/gateway.service';
import { GatewayTwins } from './ingest/gateway-twins';
import { IngestPipeline } from './ingest/ingest-pipeline';
import type { CommittedTwins } from './ingest/twin-batch';
import { PeerUnavailable, RedisPeers } from './instances/peer-instances';
import { HolderRoute } from './instances/holder-route';
import { RedisLink } from '@hearth/platform/redis';
import { TankTwins } from './kinds/tank/tank-twins';
import { TwinEvents } from './kinds/twin-events';
import { DeviceRejections } from './rejections/device-rejections';
import { buildTwinsSchema } from './schema/twins-schema';
import { AlarmService } from './alarms/alarm.service';
import { AlarmEvents } from './alarms/alarm-events';
import { tankKind } from './kinds/tank/tank-kind';
import { registeredKinds } from './kinds/registered-kinds';
import { TwinKinds } from './kinds/twin-kind';
import { TankConfigStore } from './kinds/tank/store/tank-config-store';

export const twinsMigrations = new URL('./migrations/', import.meta.url);
export { IngestPipeline, TankTwins, GatewayTwins, TwinEvents, TankConfigStore, TwinKinds, tankKind };
export type { TwinKind, KindTwins, KindBatch, DeviceTwin } from './kinds/twin-kind';
export type { DetectorKind } from './kinds/detector/detector-kind';
export { defaultConnectivity, type ConnectivitySettings } from './connectivity/connectivity-monitor';
export { defaultCommandSettings, type CommandSettings } from './commands/desired-state.service';
export { twinsEnv, twinsSettings } from './twins-config';

export interface TwinsServiceOptions {
  db: Database;
  port: number;
  host?: string;
  logger: Logger;
  /** Verifies the gateway's signed context on every request (both subgraphs). */
  contextVerifier: ContextVerifier;
  mqtt: { tcpPort: number; wsPort?: number; host?: string; tls?: { port: number; cert: string; key: string } };
  /** Port of the fleet subgraph (provisioning), served by this service too. */
  fleetPort: number;
  /** Kinds left out of `staleAfterMs` keep their default timeout. */
  connectivity?: Partial<Omit<ConnectivitySettings, 'staleAfterMs'>> & { staleAfterMs?: Partial<ConnectivitySettings['staleAfterMs']> };
  commands?: Partial<CommandSettings>;
  /** How often gateway offline alarms, stale devices and expired commands are checked. Default 5 s. */
  checkIntervalMs?: number;
  /** The broker's limits (payloads, clock skew, metric ranges, connections; defaults: the broker's). */
  mqttLimits?: BrokerLimits;
  /** `REDIS_URL` with a key prefix: the other instances of this service are found there (ADR 0014). Absent: the only instance. */
  redis?: { url: string; prefix?: string };
}

export interface RunningTwinsService extends RunningSubgraph {
  broker: HearthBroker;
  mqttPorts: { tcpPort: number; wsPort?: number; tlsPort?: number };
  pipeline: IngestPipeline;
  twins: TankTwins;
  /** Every registered twin kind (`registeredKinds`). */
  kinds: TwinKinds;
  gateways: GatewayTwins;
  /** The fleet subgraph (gateways, devices, provisioning). */
  fleet: RunningSubgraph;
  /** The scheduled connectivity and command-expiry check (`run` in tests). */
  checks: Periodic;
  scheduler?: JobScheduler;
}

/**
 * The twins service: restores every twin, embeds the MQTT broker that feeds them (so a
 * PUBACK can wait for the commit) and sends commands down through it, and serves two
 * subgraphs: twins (live state, desired state, commands, subscriptions) and fleet
 * (provisioning gateways and devices). Expects the tanks schema to be migrated (it reads the
 * published tank configuration view).
 */
export async function startTwinsService(options: TwinsServiceOptions): Promise<RunningTwinsService> {
  const { db, logger } = options;
  const connectivity: ConnectivitySettings = {
    ...defaultConnectivity,
    ...options.connectivity,
    staleAfterMs: { ...defaultConnectivity.staleAfterMs, ...options.connectivity?.staleAfterMs },
  };
  // The audit log before fleet: fleet's migration 0006 moves its older log there, and provisioning writes to it.
  await migrateAudit(db, logger);
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations), logger);
  await migrate(db, 'twins', await loadMigrations(twinsMigrations), logger);
  const kinds = registeredKinds(db);
  for (const kind of kinds.all()) if (kind.migrations) await migrate(db, `twins.${kind.kind}`, await loadMigrations(kind.migrations), logger);
  let restored = 0;
  for (const kind of kinds.all()) {
    await kind.start?.();
    restored += await kind.twins.restore(db);
  }
  const gateways = new GatewayTwins();
  await gateways.restore(db);
  const alarmEvents = new AlarmEvents();
  const committed: CommittedTwins = { kinds, gateways, alarms: alarmEvents };
  const pipeline = new IngestPipeline(db, committed, logger.child({ component: 'ingest' }));
  // Joined before start-up's own changes, so the others hear of them; their changes wait in the pipeline's queue.
  let dispatcher: CommandDispatcher | undefined;
  let desiredState: DesiredStateService | undefined;
  let alarmService: AlarmService | undefined;
  const redis = options.redis ? await RedisLink.connect(options.redis.url, { logger, prefix: options.redis.prefix }) : undefined;
  committed.peers = redis
    ? await RedisPeers.join(redis, logger.child({ component: 'peers' }), {
        changes: (changes) => pipeline.applyPeerChanges(changes),
        deliver: (gatewayId) => void dispatcher?.deliver(gatewayId, null, true),
        call: async (asked) => {
          // Still starting: no answer, so the asker carries it out itself after its wait.
          if (!desiredState || !alarmService) throw new PeerUnavailable('this instance is starting');
          if (asked.op === 'desire') return desiredState.request(asked.caller, kinds.require(asked.kind), asked.request, true);
          if (asked.op === 'cancel') return desiredState.cancel(asked.caller, asked.commandId, true);
          return alarmService.acknowledge(asked.caller, asked.alarmId, asked.comment, true);
        },
        gap: () =>
          void pipeline
            .run(async () => {
              for (const kind of kinds.all()) await kind.twins.restore(db);
              await gateways.restore(db);
            })
            .catch((err: unknown) => logger.error({ err }, 'could not read the twins again after a lost peer subscription')),
      })
    : undefined;
  // Before the broker listens: nobody is connected yet, whatever the last run recorded.
  await startOffline(pipeline);
  const registry = new SqlDeviceRegistry(db, { logger });
  const broker = createBroker({
    logger: logger.child({ component: 'broker' }),
    registry,
    sink: pipeline,
    limits: options.mqttLimits,
    telemetry: kinds.telemetrySchemas(),
    events: kinds.eventSchemas(),
  });
  const rejections = new DeviceRejections();
  broker.rejections.onRejection((r) => rejections.record(r));
  dispatcher = new CommandDispatcher(
    db,
    broker.downlink,
    logger.child({ component: 'commands' }),
    (c) => kinds.get(c.kind)?.commandFields?.(c.desired) ?? {},
    committed.peers,
  );
  const route = committed.peers && new HolderRoute(committed.peers, gateways);
  alarmService = new AlarmService(
    pipeline,
    alarmEvents,
    route && {
      route,
      db,
      gatewayOf: (assetKind, assetId) => (assetKind === 'gateway' ? assetId : kinds.get(assetKind as DeviceKind)?.twins.get(assetId)?.gatewayId),
    },
  );
  desiredState = new DesiredStateService(db, pipeline, dispatcher, { ...defaultCommandSettings, ...options.commands }, route);
  // Before the broker listens: a kind that sends commands of its own (an interlock) can from the first message.
  for (const kind of kinds.all())
    kind.connect?.({ db, desiredState, logger: logger.child({ kind: kind.kind }), alarms: alarmEvents, rejections: broker.rejections });
  // TimescaleDB runs its own jobs on a server; PGlite has no background workers. Their first round
  // runs before the broker listens (see JobScheduler.start).
  const scheduler = db.mode === 'embedded' ? new JobScheduler(db, logger.child({ component: 'jobs' })) : undefined;
  await scheduler?.start();
  const mqttPorts = await broker.listen(options.mqtt);
  const checks = new Periodic(
    'twins-checks',
    options.checkIntervalMs ?? 5_000,
    async () => {
      await checkConnectivity(pipeline, connectivity);
      await expireCommands(pipeline);
    },
    logger,
  );
  checks.start();
  const ready = async () => (await db.query('SELECT 1')).length === 1;
  const server = await startSubgraphServer({
    name: 'twins',
    schema: await buildTwinsSchema({
      db,
      gateways,
      rejections,
      desiredState,
      alarms: alarmService,
      alarmEvents,
      kinds,
    }),
    port: options.port,
    host: options.host,
    logger,
    contextVerifier: options.contextVerifier,
    domain: 'twins',
    ready,
  });
  const fleet = await startSubgraphServer({
    name: 'fleet',
    schema: await buildFleetSchema({ db, gateways: new GatewayService(db), devices: new DeviceService(db, kinds), rejections, kinds }),
    port: options.fleetPort,
    host: options.host,
    logger: logger.child({ subgraph: 'fleet' }),
    contextVerifier: options.contextVerifier,
    domain: 'fleet',
    ready,
  });
  logger.info({ restored, gateways: gateways.all().length, mqtt: mqttPorts }, 'twins service ready');
  return {
    ...server,
    broker,
    mqttPorts,
    pipeline,
    twins: kinds.require('tank').twins as unknown as TankTwins,
    kinds,
    gateways,
    fleet,
    checks,
    scheduler,
    close: async () => {
      await checks.stop();
      // Stop taking messages, then commit what was taken (graceful shutdown loses nothing acknowledged).
      await broker.close();
      await pipeline.drain();
      await dispatcher!.close();
      await committed.peers?.close();
      await redis?.close();
      await registry.close();
      await scheduler?.stop();
      for (const kind of kinds.all()) await kind.stop?.();
      await fleet.close();
      await server.close();
    },
  };
}
