import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { brokerMigrations, createBroker, SqlDeviceRegistry, type HearthBroker } from '@hearth/broker';
import { createLogger, type CallerContext } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { tanksMigrations } from '@hearth/tanks';
import { twinsMigrations } from '../index';
import { GatewayTwins } from '../ingest/gateway-twins';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { TankTwins } from '../kinds/tank/tank-twins';
import type { TankTwinState } from '../kinds/tank/model/tank-twin';
import { TwinEvents } from '../kinds/twin-events';
import { TankConfigStore } from '../kinds/tank/store/tank-config-store';
import { tankKind } from '../kinds/tank/tank-kind';
import { TwinKinds } from '../kinds/twin-kind';
import { DeviceService } from './device.service';
import type { DeviceRecord } from '@hearth/broker';
import { GatewayService } from './gateway.service';

const logger = createLogger('twins-test', 'silent');
const caller = (tenantId: string): CallerContext => ({ tenantId, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] });
const A = caller('00000000-0000-4000-8000-00000000000a');
const B = caller('00000000-0000-4000-8000-00000000000b');

let db: Database;
let devices: DeviceService;
let gateways: GatewayService;
let registry: SqlDeviceRegistry;
let broker: HearthBroker;
let mqttUrl: string;
const secrets = new Map<string, string>();
const clients: MqttClient[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateAudit(db);
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  const configs = new TankConfigStore(db);
  await configs.start();
  const kinds = new TwinKinds().register(tankKind({ twins: new TankTwins(), configs, events: new TwinEvents<TankTwinState>((twin) => twin.tankId) }));
  devices = new DeviceService(db, kinds);
  gateways = new GatewayService(db);
  for (const [who, id] of [
    [A, 'gw-of-a'],
    [B, 'gw-of-b'],
  ] as const)
    secrets.set(id, (await gateways.register(who, { id, name: id })).secret);
  const pipeline = new IngestPipeline(db, { kinds, gateways: new GatewayTwins() }, logger);
  registry = new SqlDeviceRegistry(db, { logger });
  broker = createBroker({ logger, registry, sink: pipeline });
  mqttUrl = `mqtt://127.0.0.1:${(await broker.listen({ tcpPort: 0, host: '127.0.0.1' })).tcpPort}`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await broker?.close();
  await registry?.close();
  await db?.close();
});

/** What a caller can tell from a binding, with the id it chose and the clock left out. */
const seenByCaller = ({ id: _id, createdAt: _at, ...rest }: DeviceRecord) => rest;

describe('device ids are a namespace per tenant', () => {
  it("binds an id tenant A holds for tenant B exactly as a fresh id, and leaves A's device alone", async () => {
    const held = await devices.bind(A, { kind: 'meter', id: 'held-1', gatewayId: 'gw-of-a' });
    const taken = await devices.bind(B, { kind: 'meter', id: 'held-1', gatewayId: 'gw-of-b' });
    const fresh = await devices.bind(B, { kind: 'meter', id: 'fresh-1', gatewayId: 'gw-of-b' });
    expect(seenByCaller(taken)).toEqual(seenByCaller(fresh));
    expect(taken).toMatchObject({ tenantId: B.tenantId, gatewayId: 'gw-of-b' });
    expect(await devices.find(A.tenantId, 'meter', 'held-1')).toEqual(held);
    const audit = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit.entry WHERE tenant_id = $1 AND domain = 'fleet' AND action = 'device.bound' ORDER BY id`,
      [B.tenantId],
    );
    expect(audit.map((a) => a.details.previousGatewayId)).toEqual([null, null]);
  });

  it('imports ids tenant A holds for tenant B exactly as fresh ids', async () => {
    await devices.bind(A, { kind: 'meter', id: 'held-2', gatewayId: 'gw-of-a' });
    await devices.bind(A, { kind: 'cylinder', id: 'CYL-held-2', gatewayId: 'gw-of-a' });
    const csv = (meter: string, cylinder: string) => `kind,id,gatewayId\nmeter,${meter},gw-of-b\ncylinder,${cylinder},gw-of-b\n`;
    const taken = await devices.import(B, 'CSV', csv('held-2', 'CYL-held-2'));
    const fresh = await devices.import(B, 'CSV', csv('fresh-2', 'CYL-fresh-2'));
    expect(taken).toEqual(fresh);
    expect(taken).toEqual({ rows: 2, imported: 2, rejectedRows: 0, problems: [], created: 2, rebound: 0 });
    expect((await devices.find(A.tenantId, 'cylinder', 'CYL-held-2'))?.gatewayId).toBe('gw-of-a');
  });

  it("stores each tenant's readings of its own meter/m-1 and cylinder under that tenant, sent by its own gateway over MQTT", async () => {
    for (const [who, gatewayId] of [
      [A, 'gw-of-a'],
      [B, 'gw-of-b'],
    ] as const) {
      await devices.bind(who, { kind: 'meter', id: 'm-1', gatewayId });
      await devices.bind(who, { kind: 'cylinder', id: 'CYL-1', gatewayId });
    }
    // The same seq and time from both: one tenant's reading is not a redelivery of the other's.
    const ts = '2026-11-21T08:00:00Z';
    for (const [gatewayId, totalizerM3, grossKg] of [
      ['gw-of-a', 111, 11],
      ['gw-of-b', 222, 22],
    ] as const) {
      const client = await connectAsync(mqttUrl, { username: gatewayId, password: secrets.get(gatewayId), reconnectPeriod: 0 });
      clients.push(client);
      await client.publishAsync(`hearth/v1/${gatewayId}/meter/m-1/telemetry`, JSON.stringify({ ts, seq: 1, totalizerM3 }), { qos: 1 });
      await client.publishAsync(`hearth/v1/${gatewayId}/cylinder/CYL-1/telemetry`, JSON.stringify({ ts, seq: 1, grossKg }), { qos: 1 });
    }
    const rows = await db.query<{ tenant_id: string; gateway_id: string; kind: string; device_id: string; payload: unknown }>(
      `SELECT tenant_id, gateway_id, kind, device_id, payload FROM twins.device_message
        WHERE device_id IN ('m-1', 'CYL-1') ORDER BY gateway_id, kind`,
    );
    expect(rows).toEqual([
      { tenant_id: A.tenantId, gateway_id: 'gw-of-a', kind: 'cylinder', device_id: 'CYL-1', payload: { grossKg: 11 } },
      { tenant_id: A.tenantId, gateway_id: 'gw-of-a', kind: 'meter', device_id: 'm-1', payload: { totalizerM3: 111 } },
      { tenant_id: B.tenantId, gateway_id: 'gw-of-b', kind: 'cylinder', device_id: 'CYL-1', payload: { grossKg: 22 } },
      { tenant_id: B.tenantId, gateway_id: 'gw-of-b', kind: 'meter', device_id: 'm-1', payload: { totalizerM3: 222 } },
    ]);
    const rejected = (who: CallerContext) => broker.rejections.forDevice(who.tenantId, 'meter', 'm-1').map((r) => r.reason);
    expect([...rejected(A), ...rejected(B)]).toEqual([]);
  });

  it('refuses a taken gateway id with the same words whichever tenant holds it', async () => {
    const refusal = (who: CallerContext) => gateways.register(who, { id: 'gw-of-a', name: 'again' }).catch((err: unknown) => err);
    const [byOwner, byOther] = await Promise.all([refusal(A), refusal(B)]);
    expect(byOther).toEqual(byOwner);
    expect((byOther as Error).message).not.toContain(A.tenantId);
  });
});
