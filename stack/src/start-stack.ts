import { join } from 'node:path';
import { GatewaySimulator } from '@hearth/edge';
import { startGateway, type GatewayOptions, type RunningGateway } from '@hearth/gateway';
import { ContextVerifier, DEMO_TENANT_ID, freePort, generateContextKeys, subgraphsAt, type ContextKeys, type Logger } from '@hearth/platform';
import { EmbeddedDatabase } from '@hearth/platform/db';
import { startTanksService, type RunningTanksService } from '@hearth/tanks';
import { startTwinsService, type DetectorKind, type RunningTwinsService, type TwinsServiceOptions } from '@hearth/twins';
import { seedDemo, simulatedTanks, type DemoData } from './seed/demo-seed';

export interface StackOptions {
  dataDir: string;
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

export interface RunningStack {
  urls: { graphql: string; ws: string; console: string | null; mqtt: string; mqttWs: string | null; metrics: string };
  demo: DemoData;
  demoFile: string;
  db: EmbeddedDatabase;
  /** The key pair of this run's signed caller context (tests sign direct subgraph calls with it). */
  contextKeys: ContextKeys;
  tanks: RunningTanksService;
  twins: RunningTwinsService;
  gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * The whole of Hearth in one process on the embedded database: subgraphs on loopback ports,
 * the twins service with its MQTT broker and the fleet subgraph, the gateway, the console, the demo company and
 * (optionally) a simulator for each demo IoT gateway publishing telemetry and obeying commands.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { logger } = options;
  const host = options.host ?? '0.0.0.0';
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const db = await EmbeddedDatabase.open({ dataDir: join(options.dataDir, 'db') });
  // One process: a fresh signing key per start is enough, nothing outlives it.
  const contextKeys = generateContextKeys();
  const internal = { host: '127.0.0.1', port: 0, db, contextVerifier: new ContextVerifier(contextKeys.publicKeyPem) };
  const tanks = await startTanksService({ ...internal, logger: logger.child({ service: 'tanks' }) });
  const twins = await startTwinsService({
    ...internal,
    logger: logger.child({ service: 'twins' }),
    mqtt: { tcpPort: options.mqttPort, wsPort: options.mqttWsPort, host },
    fleetPort: 0,
    ...options.twins,
  });
  const detectors = twins.kinds.require('detector') as DetectorKind;
  const demo = await seedDemo(db, tanks.services, tenantId, options.dataDir, (tenant, detectorId, settings) =>
    detectors.configure({ tenantId: tenant, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] }, detectorId, settings),
  );

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
    subgraphs: subgraphsAt({ tanks: tanks.graphqlUrl, twins: twins.graphqlUrl, fleet: twins.fleet.graphqlUrl }),
    corsOrigins: [...origins, ...(options.extraCorsOrigins ?? [])],
    // Never on the public port: an internal listener on loopback, for the operator's Prometheus.
    metrics: { port: options.metricsPort ?? 0, host: '127.0.0.1' },
    subscriptions: options.gatewaySubscriptions,
  });

  const mqttUrl = `mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`;
  // One simulator per demo IoT gateway, each playing the devices bound to it.
  const simulators = options.simulate
    ? demo.gateways.map(
        (gateway) =>
          new GatewaySimulator({
            url: mqttUrl,
            gatewayId: gateway.id,
            secret: gateway.secret,
            tanks: simulatedTanks(demo).filter((t) => demo.tanks.find((d) => d.id === t.id)?.gatewayId === gateway.id),
            detectors: demo.detectors.filter((d) => d.gatewayId === gateway.id),
            valves: demo.valves.filter((v) => v.gatewayId === gateway.id),
            logger: logger.child({ service: 'simulator', gatewayId: gateway.id }),
          }),
      )
    : [];
  // Not awaited: a simulator connects (and, refused, retries) in the background; it never fails the start.
  for (const simulator of simulators) simulator.start();

  return {
    urls: {
      graphql: gateway.graphqlUrl,
      ws: gateway.wsUrl,
      console: consoleServer ? `http://localhost:${consoleServer.port}` : null,
      mqtt: mqttUrl,
      mqttWs: twins.mqttPorts.wsPort ? `ws://127.0.0.1:${twins.mqttPorts.wsPort}/mqtt` : null,
      metrics: `${gateway.metricsUrl!}/metrics`,
    },
    demo,
    demoFile: join(options.dataDir, 'demo.json'),
    db,
    contextKeys,
    tanks,
    twins,
    gateway,
    close: async () => {
      await Promise.all(simulators.map((s) => s.stop()));
      await gateway.close();
      await consoleServer?.close();
      await twins.close();
      await tanks.close();
      await db.close();
    },
  };
}
