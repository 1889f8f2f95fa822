import {
  bindDevice,
  brokerMigrations,
  createBroker,
  provisionGateway,
  SqlDeviceRegistry,
  type DeviceMessage,
  type HearthBroker,
  type MessageSink,
} from '@hearth/broker';
import { createLogger } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';

/** One stored sample as Hearth received it. */
export interface RecordedSample {
  kind: string;
  deviceId: string;
  channel: DeviceMessage['channel'];
  seq?: number;
  values: Record<string, unknown>;
}

/**
 * Hearth's real MQTT broker (authentication, binding, payload checks, PUBACK after the sink stored)
 * over the test database, with a sink that records what it stores instead of the twins: a test sees
 * exactly what a gateway delivered, whatever the twins of a kind do with it. Like the twins, a sample
 * whose seq is not above its device's last is a duplicate, not stored again.
 */
export interface RecordingBroker {
  url: string;
  broker: HearthBroker;
  gateway: { id: string; secret: string };
  samples: RecordedSample[];
  readonly duplicates: number;
  close(): Promise<void>;
}

const tenantId = '00000000-0000-4000-8000-0000000000e1';

export async function startRecordingBroker(devices: { kind: 'pump' | 'tank' | 'meter'; id: string }[]): Promise<RecordingBroker> {
  const db: Database = await openTestDatabase();
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  const gateway = { id: 'station-gw', secret: 'secret-of-the-station' };
  await provisionGateway(db, { id: gateway.id, tenantId, name: 'Fuel station', secret: gateway.secret });
  for (const d of devices) await bindDevice(db, { kind: d.kind, id: d.id, tenantId, gatewayId: gateway.id });
  const logger = createLogger('recording-broker', 'silent');
  const registry = new SqlDeviceRegistry(db, { logger });
  const lastSeq = new Map<string, number>();
  const samples: RecordedSample[] = [];
  let duplicates = 0;
  const sink: MessageSink = {
    accept(message) {
      let stored = 0;
      for (const sample of message.samples) {
        const key = `${message.kind}/${message.deviceId}`;
        if (sample.seq !== undefined && sample.seq <= (lastSeq.get(key) ?? -1)) {
          duplicates++;
          continue;
        }
        if (sample.seq !== undefined) lastSeq.set(key, sample.seq);
        samples.push({ kind: message.kind, deviceId: message.deviceId, channel: message.channel, seq: sample.seq, values: sample.values });
        stored++;
      }
      return Promise.resolve({ stored, duplicates: message.samples.length - stored });
    },
    gatewayStatus: () => undefined,
  };
  const broker = createBroker({ logger, registry, sink });
  const ports = await broker.listen({ tcpPort: 0, host: '127.0.0.1' });
  return {
    url: `mqtt://127.0.0.1:${ports.tcpPort}`,
    broker,
    gateway,
    samples,
    get duplicates() {
      return duplicates;
    },
    async close() {
      await broker.close();
      await registry.close();
      await db.close();
    },
  };
}
