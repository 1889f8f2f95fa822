import { join } from 'node:path';
import { GatewaySimulator } from '@hearth/edge';
import { startGateway, type GatewayOptions, type RunningGateway } from '@hearth/gateway';
import {
  ContextVerifier,
  DEMO_TENANT_ID,
  freePort,
  generateContextKeys,
  subgraphsAt,
  type ContextKeys,
  type SubgraphName,
  type Logger,
} from '@hearth/platform';
import { EmbeddedDatabase, type Database } from '@hearth/platform/db';
import { startCustomersService, type RunningCustomersService } from '@hearth/customers';
import { startCylindersService, type RunningCylindersService } from '@hearth/cylinders';
import { startFuelingService, type RunningFuelingService } from '@hearth/fueling';
import { startMeteringService, type RunningMeteringService } from '@hearth/metering';
import { loadPiiKeys } from '@hearth/platform/pii';
import { startTanksService, type RunningTanksService } from '@hearth/tanks';
import { startTwinsService, type DetectorKind, type RunningTwinsService, type TwinsServiceOptions } from '@hearth/twins';
import { CustomerActivity } from './seed/customer-activity';
import { CylinderActivity, DepotLineFeed } from './seed/cylinder-activity';
import { startDemoForecourts } from './seed/demo-forecourts';
import { startDemoMall } from './seed/demo-mall';
import { seedDemo, simulatedTanks, type DemoData } from './seed/demo-seed';

export interface StackOptions {
  /** `demo.json`, and the embedded database (`db/`) unless `db` is given. */
  dataDir: string;
  /**
   * The database to run on, opened by the caller: a TimescaleDB server's (`DATABASE_URL`). Default:
   * the embedded database under `dataDir/db`. Either way the stack closes it when it stops.
   */
  db?: Database;
  /** Seed the demo company and write `dataDir/demo.json` (default true). */
  demo?: boolean;
  /** The demo mall's shops (default 200): a test stack seeds fewer, as it starts for every test file. */
  demoMallShops?: number;
  logger: Logger;
  host?: string;
  /** 0 = any free port. */
  gatewayPort: number;
  mqttPort: number;
  mqttWsPort?: number;
  /** The gateway's /metrics, on loopback only (0 = any free port; default 0). */
  metricsPort?: number;
  /** The gateway's subscription settings (limits per connection and principal …; defaults: the gateway's). */
  gatewaySubscriptions?: GatewayOptions['subscriptions'];
  /** null = no console (API-only tests). */
  consolePort: number | null;
  simulate: boolean;
  tenantId?: string;
  extraCorsOrigins?: string[];
  /** Connectivity timeouts, command expiry and how often they are checked (defaults: the twins service's). */
  twins?: Pick<TwinsServiceOptions, 'connectivity' | 'commands' | 'checkIntervalMs' | 'mqttLimits'>;
}

export interface RunningStack<Db extends Database = EmbeddedDatabase> {
  /** Each subgraph's own URL (on loopback), as the gateway composes them. */
  subgraphUrls: Record<SubgraphName, string>;
  urls: { graphql: string; ws: string; console: string | null; mqtt: string; mqttWs: string | null; metrics: string };
  /** null when started with `demo: false`. */
  demo: DemoData | null;
  demoFile: string | null;
  db: Db;
  /** The key pair of this run's signed caller context (tests sign direct subgraph calls with it). */
  contextKeys: ContextKeys;
  tanks: RunningTanksService;
  customers: RunningCustomersService;
  cylinders: RunningCylindersService;
  fueling: RunningFuelingService;
  metering: RunningMeteringService;
  twins: RunningTwinsService;
  gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * The whole of Hearth in one process, on the embedded database or a server's: subgraphs on loopback
 * ports, the twins service with its MQTT broker and the fleet subgraph, the gateway, the console, the
 * demo company and (optionally) a simulator for each demo IoT gateway publishing telemetry and obeying commands.
 */
export async function startStack(options: StackOptions & { db?: undefined }): Promise<RunningStack>;
export async function startStack<Db extends Database>(options: StackOptions & { db: Db }): Promise<RunningStack<Db>>;
export async function startStack(options: StackOptions): Promise<RunningStack<Database>>;
export async function startStack(options: StackOptions): Promise<RunningStack<Database>> {
  const { logger } = options;
  const host = options.host ?? '0.0.0.0';
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const db = options.db ?? (await EmbeddedDatabase.open({ dataDir: join(options.dataDir, 'db') }));
  // One process: a fresh signing key per start is enough, nothing outlives it.
  const contextKeys = generateContextKeys();
  const internal = { host: '127.0.0.1', port: 0, db, contextVerifier: new ContextVerifier(contextKeys.publicKeyPem) };
  const tanks = await startTanksService({ ...internal, logger: logger.child({ service: 'tanks' }) });
  // The key that encrypts customers' ID and phone numbers lives beside the data it protects (made once).
  const customers = await startCustomersService({
    ...internal,
    logger: logger.child({ service: 'customers' }),
    pii: loadPiiKeys({ dataDir: options.dataDir }),
  });
  // Before the twins service: its filling scales read the registry's views (ADR 0016).
  const cylinders = await startCylindersService({ ...internal, logger: logger.child({ service: 'cylinders' }) });
  // Before the twins service too: its pumps are the stations' pumps, answered from its authorisations.
  const fueling = await startFuelingService({ ...internal, logger: logger.child({ service: 'fueling' }) });
  // Before the twins service too: its meters are the metering service's, and it carries out the supply decisions made there.
  const metering = await startMeteringService({ ...internal, logger: logger.child({ service: 'metering' }) });
  const twins = await startTwinsService({
    ...internal,
    logger: logger.child({ service: 'twins' }),
    mqtt: { tcpPort: options.mqttPort, wsPort: options.mqttWsPort, host },
    fleetPort: 0,
    ...options.twins,
  });
  const detectors = twins.kinds.require('detector') as DetectorKind;
  const demo =
    options.demo === false
      ? null
      : await seedDemo(
          db,
          { tanks: tanks.services, customers: customers.services, cylinders: cylinders.services, fueling: fueling.services, metering: metering.services },
          tenantId,
          options.dataDir,
          (tenant, detectorId, settings) =>
            detectors.configure(
              { tenantId: tenant, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] },
              detectorId,
              settings,
            ),
          { mallShops: options.demoMallShops },
        );

  const subgraphUrls: Record<SubgraphName, string> = {
    tanks: tanks.graphqlUrl,
    twins: twins.graphqlUrl,
    fleet: twins.fleet.graphqlUrl,
    customers: customers.graphqlUrl,
    cylinders: cylinders.graphqlUrl,
    fueling: fueling.graphqlUrl,
    metering: metering.graphqlUrl,
  };

  // The console must know the gateway's port before it loads, and the gateway the console's origin.
  const gatewayPort = options.gatewayPort || (await freePort());
  let consoleServer: { url: string; port: number; close(): Promise<void> } | null = null;
  if (options.consolePort !== null) {
    process.env.GATEWAY_PORT = String(gatewayPort);
    const { startConsole } = await import('@hearth/console');
    consoleServer = await startConsole({ port: options.consolePort, host, logger: logger.child({ service: 'console' }) });
  }
  const origins = consoleServer ? [`http://localhost:${consoleServer.port}`, `http://127.0.0.1:${consoleServer.port}`] : [];
  const gateway = await startGateway({
    port: gatewayPort,
    host,
    logger: logger.child({ service: 'gateway' }),
    db,
    contextPrivateKeyPem: contextKeys.privateKeyPem,
    subgraphs: subgraphsAt(subgraphUrls),
    corsOrigins: [...origins, ...(options.extraCorsOrigins ?? [])],
    // Never on the public port: an internal listener on loopback, for the operator's Prometheus.
    metrics: { port: options.metricsPort ?? 0, host: '127.0.0.1' },
    subscriptions: options.gatewaySubscriptions,
  });

  const mqttUrl = `mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`;
  // The depot's filling line is fed its empties as they come back (a few hundred fills an hour on two scales).
  const lineFeed = options.simulate && demo ? new DepotLineFeed(db, tenantId, demo, logger.child({ service: 'simulator' })) : null;
  lineFeed?.start();
  // One simulator per demo IoT gateway, each playing the devices bound to it.
  const simulators =
    options.simulate && demo
      ? demo.gateways.map(
          (gateway) =>
            new GatewaySimulator({
              url: mqttUrl,
              gatewayId: gateway.id,
              secret: gateway.secret,
              tanks: simulatedTanks(demo).filter((t) => demo.tanks.find((d) => d.id === t.id)?.gatewayId === gateway.id),
              detectors: demo.detectors.filter((d) => d.gatewayId === gateway.id),
              valves: demo.valves.filter((v) => v.gatewayId === gateway.id),
              fillingLine:
                lineFeed && demo.fillingScales.some((s) => s.gatewayId === gateway.id)
                  ? {
                      scales: demo.fillingScales.filter((s) => s.gatewayId === gateway.id),
                      cylinders: lineFeed.next,
                      restMs: 28_000,
                      operator: 'Line 1 team A',
                    }
                  : undefined,
              logger: logger.child({ service: 'simulator', gatewayId: gateway.id }),
            }),
        )
      : [];
  // Not awaited: a simulator connects (and, refused, retries) in the background; it never fails the start.
  for (const simulator of simulators) simulator.start();
  const activity =
    options.simulate && demo?.customers ? new CustomerActivity(customers.services, tenantId, demo.customers, logger.child({ service: 'simulator' })) : null;
  activity?.start();
  const cylinderActivity =
    options.simulate && demo ? new CylinderActivity(db, cylinders.services, tenantId, demo, logger.child({ service: 'simulator' })) : null;
  cylinderActivity?.start();
  // The fuel stations' forecourts: card sales through the card host, power cuts, a station offline now and then.
  const forecourts =
    options.simulate && demo
      ? await startDemoForecourts({
          demo,
          fueling: fueling.services,
          tenantId,
          mqttUrl,
          graphqlUrl: gateway.graphqlUrl,
          dataDir: options.dataDir,
          logger: logger.child({ service: 'simulator' }),
        })
      : [];
  // The mall's and homes' prepaid meters: readings every 30 s, a tenant cut off and reconnected (seed/demo-mall.ts).
  const mall =
    options.simulate && demo
      ? await startDemoMall({
          metering: demo,
          meteringServices: metering.services,
          customers: customers.services,
          tenantId,
          mqttUrl,
          dataDir: options.dataDir,
          logger: logger.child({ service: 'simulator' }),
        })
      : [];

  return {
    subgraphUrls,
    urls: {
      graphql: gateway.graphqlUrl,
      ws: gateway.wsUrl,
      console: consoleServer ? `http://localhost:${consoleServer.port}` : null,
      mqtt: mqttUrl,
      mqttWs: twins.mqttPorts.wsPort ? `ws://127.0.0.1:${twins.mqttPorts.wsPort}/mqtt` : null,
      metrics: `${gateway.metricsUrl!}/metrics`,
    },
    demo,
    demoFile: demo ? join(options.dataDir, 'demo.json') : null,
    db,
    contextKeys,
    tanks,
    customers,
    cylinders,
    fueling,
    metering,
    twins,
    gateway,
    close: async () => {
      await Promise.all([...simulators, ...forecourts, ...mall].map((s) => s.stop()));
      await activity?.stop();
      await cylinderActivity?.stop();
      lineFeed?.stop();
      await gateway.close();
      await consoleServer?.close();
      await twins.close();
      await cylinders.close();
      await fueling.close();
      await metering.close();
      await customers.close();
      await tanks.close();
      await db.close();
    },
  };
}
