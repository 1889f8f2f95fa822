import { createLogger } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { brokerMigrations } from '../index';
import { createBroker, type BrokerLimits, type HearthBroker } from '../create-broker';
import type { ListeningPorts } from '../listeners';
import { bindDevice, provisionGateway } from '../registry/provisioning';
import { SqlDeviceRegistry } from '../registry/sql-device-registry';
import { MemorySink } from './memory-sink';

export const tenantA = '00000000-0000-4000-8000-00000000000a';
export const tenantB = '00000000-0000-4000-8000-00000000000b';
export const secrets = { 'gw-1': 'secret-of-gw-1', 'gw-2': 'secret-of-gw-2', 'gw-9': 'secret-of-gw-9' } as const;
export type FixtureGateway = keyof typeof secrets;

export interface BrokerFixture {
  db: Database;
  registry: SqlDeviceRegistry;
  sink: MemorySink;
  broker: HearthBroker;
  ports: ListeningPorts;
  /** Connects as a provisioned gateway over TCP (no automatic reconnect); ended by `close()`. */
  connect(gatewayId: FixtureGateway, options?: IClientOptions): Promise<MqttClient>;
  /** Connects with any options (wrong password, WebSocket URL, …). */
  connectRaw(url: string, options: IClientOptions): Promise<MqttClient>;
  close(): Promise<void>;
}

/**
 * A real broker on real sockets over a real database (the embedded one, or a database of its own
 * on the test server: `openTestDatabase`): gw-1 and gw-2 of tenant A, gw-9 of tenant B; tank-1 and
 * pump-1 bound to gw-1, tank-2 to gw-2, tank-9 to gw-9.
 */
export async function startBrokerFixture(options: { limits?: BrokerLimits; logLevel?: Parameters<typeof createLogger>[1] } = {}): Promise<BrokerFixture> {
  const db = await openTestDatabase();
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await provisionGateway(db, { id: 'gw-1', tenantId: tenantA, name: 'Depot north', secret: secrets['gw-1'] });
  await provisionGateway(db, { id: 'gw-2', tenantId: tenantA, name: 'Depot south', secret: secrets['gw-2'] });
  await provisionGateway(db, { id: 'gw-9', tenantId: tenantB, name: 'Other tenant', secret: secrets['gw-9'] });
  await bindDevice(db, { kind: 'tank', id: 'tank-1', tenantId: tenantA, gatewayId: 'gw-1' });
  await bindDevice(db, { kind: 'pump', id: 'pump-1', tenantId: tenantA, gatewayId: 'gw-1' });
  await bindDevice(db, { kind: 'tank', id: 'tank-2', tenantId: tenantA, gatewayId: 'gw-2' });
  await bindDevice(db, { kind: 'tank', id: 'tank-9', tenantId: tenantB, gatewayId: 'gw-9' });

  const logger = createLogger('broker-test', options.logLevel ?? 'silent');
  const registry = new SqlDeviceRegistry(db, { logger });
  const sink = new MemorySink();
  const broker = createBroker({ logger, registry, sink, ...(options.limits ? { limits: options.limits } : {}) });
  const ports = await broker.listen({ tcpPort: 0, wsPort: 0, host: '127.0.0.1' });
  const clients = new Set<MqttClient>();

  const connectRaw = async (url: string, clientOptions: IClientOptions) => {
    const client = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...clientOptions });
    clients.add(client);
    return client;
  };
  return {
    db,
    registry,
    sink,
    broker,
    ports,
    connectRaw,
    connect: (gatewayId, clientOptions = {}) =>
      connectRaw(`mqtt://127.0.0.1:${ports.tcpPort}`, { username: gatewayId, password: secrets[gatewayId], ...clientOptions }),
    async close() {
      await Promise.all([...clients].map((c) => c.endAsync(true).catch(() => undefined)));
      await broker.close();
      await registry.close();
      await db.close();
    },
  };
}
