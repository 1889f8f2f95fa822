import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type CallerContext } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { migrateLedger } from '@hearth/platform/ledger';
import { loadMigrations, migrate, ServerDatabase, type Database } from '@hearth/platform/db';
import { freePort } from '@hearth/platform';
import { tanksMigrations } from '@hearth/tanks';
import { waitUntil } from '@hearth/testkit/eventually';
import { testContext } from '@hearth/testkit/signed-context';
import { spawnService, type ServiceProcess } from '@hearth/testkit/stack-process';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { testRedisPrefix, testRedisUrl } from '@hearth/testkit/test-redis';
import { startTwinsService, twinsMigrations, type RunningTwinsService } from '../index';
import { brokerMigrations } from '@hearth/broker';
import { GatewayService } from '../fleet/gateway.service';
import { DeviceService } from '../fleet/device.service';
import { registeredKinds } from '../kinds/registered-kinds';

/**
 * Two instances of the twins service on one database and one Redis (ADR 0014): instance A is its
 * own process (so it can be killed -9), instance B runs here (so its twins can be read directly).
 * Each gateway reads a gas meter of the metering service (its tables from its own migrations, the
 * contract the meter kind reads): a meter's readings are stored once by their unique key.
 */
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const METERING_MIGRATIONS = new URL('../../../subgraphs/metering/src/migrations/', import.meta.url);
const TENANT = '00000000-0000-4000-8000-0000000000d1';
const caller: CallerContext = { tenantId: TENANT, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const GATEWAYS = ['gw-1', 'gw-2', 'gw-3', 'gw-4'];
const detectorId = randomUUID();
const valveId = randomUUID();
/** The gas meter each gateway reads (`metering.meter` ids). */
const meterOf = new Map(GATEWAYS.map((g) => [g, randomUUID()]));

let database: { url: string; drop(): Promise<void> };
let db: Database;
let dir: string;
let a: ServiceProcess;
let aMqtt: number;
let b: RunningTwinsService;
let bMqtt: number;
let prefix: string;
const secrets = new Map<string, string>();
const clients: MqttClient[] = [];

/** Instance A as docker-compose runs it; resolves once it is ready. */
async function startA(): Promise<void> {
  aMqtt = await freePort();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl!,
    REDIS_KEY_PREFIX: prefix,
    TWINS_PORT: String(await freePort()),
    FLEET_PORT: String(await freePort()),
    MQTT_PORT: String(aMqtt),
    MQTT_WS_PORT: String(await freePort()),
    MQTT_TLS_PORT: String(await freePort()),
    HOST: '127.0.0.1',
    HEARTH_CONTEXT_PUBLIC_KEY_FILE: join(dir, 'context.pub'),
    HEARTH_DATA_DIR: dir,
    LOG_LEVEL: 'debug',
  };
  a = spawnService(MAIN, env, [], 'twins A');
  await a.until('twins ready');
}

beforeAll(async () => {
  if (!onServer || !testRedisUrl) return;
  dir = await mkdtemp(join(tmpdir(), 'hearth-two-twins-'));
  await writeFile(join(dir, 'context.pub'), testContext.keys.publicKeyPem);
  database = await createTestDatabase();
  db = await ServerDatabase.open(database.url, 5);
  const logger = createLogger('two-instances', 'silent');
  await migrateAudit(db);
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  // The metering tables stand on the ledger's (a meter's wallet; an index of its journals).
  await migrateLedger(db);
  await migrate(db, 'metering', await loadMigrations(METERING_MIGRATIONS));
  for (const [gatewayId, meterId] of meterOf)
    await db.query(`INSERT INTO metering.meter (id, tenant_id, kind, serial, name) VALUES ($1, $2, 'GAS', $3, $3)`, [meterId, TENANT, `G-${gatewayId}`]);
  const gateways = new GatewayService(db);
  const devices = new DeviceService(db, registeredKinds(db));
  for (const id of GATEWAYS) {
    secrets.set(id, (await gateways.register(caller, { id, name: id })).secret);
    await devices.bind(caller, { kind: 'meter', id: meterOf.get(id)!, gatewayId: id });
  }
  await devices.bind(caller, { kind: 'detector', id: detectorId, gatewayId: 'gw-1' });
  await devices.bind(caller, { kind: 'valve', id: valveId, gatewayId: 'gw-1' });
  prefix = testRedisPrefix();
  await startA();
  bMqtt = await freePort();
  b = await startInProcess(bMqtt);
}, 120_000);

/** An instance in this process (B, or a third one), on the same database and Redis as A. */
const startInProcess = (mqttPort: number) =>
  startTwinsService({
    db,
    port: 0,
    fleetPort: 0,
    host: '127.0.0.1',
    logger: createLogger('two-instances', 'silent'),
    contextVerifier: testContext.verifier,
    mqtt: { tcpPort: mqttPort, host: '127.0.0.1' },
    redis: { url: testRedisUrl!, prefix },
    // Checked often, so a dead instance's gateways are taken over within the test.
    checkIntervalMs: 500,
  });

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  a?.child.kill('SIGKILL');
  await b?.close();
  await db?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const connectTo = (port: number, gatewayId: string, clientId = `${gatewayId}-main`) =>
  connectAsync(`mqtt://127.0.0.1:${port}`, { username: gatewayId, password: secrets.get(gatewayId), clientId, reconnectPeriod: 0 }).then(
    (client) => (clients.push(client), client),
  );

describe.runIf(onServer && testRedisUrl)('two twins instances', () => {
  it('shows on B what a gateway connected to A reports; a command asked of B is made by A, which holds the gateway, and reaches it', async () => {
    const gw1 = await connectTo(aMqtt, 'gw-1');
    await gw1.publishAsync(`hearth/v1/gw-1/detector/${detectorId}/telemetry`, JSON.stringify({ ts: new Date().toISOString(), seq: 1, lelPercent: 7 }), {
      qos: 1,
    });
    // B holds no connection of gw-1 and stored nothing: it heard of the committed change from A.
    await waitUntil(
      'B has the detector reading',
      () => (b.kinds.require('detector').twins.get(detectorId) as { lelPercent?: number } | undefined)?.lelPercent === 7,
    );
    expect(b.gateways.get('gw-1')).toMatchObject({ online: true });
    expect(b.gateways.get('gw-1')?.holder).not.toBeNull();

    const commands: unknown[] = [];
    gw1.on('message', (_topic, payload) => commands.push(JSON.parse(payload.toString())));
    await gw1.subscribeAsync(`hearth/v1/gw-1/valve/${valveId}/command`, { qos: 1 });
    const response = await fetch(b.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await testContext.headers({ tenantId: TENANT })) },
      body: JSON.stringify({ query: `mutation { operateValve(valveId: "${valveId}", action: CLOSE) { id } }` }),
    });
    const { data, errors } = (await response.json()) as { data?: { operateValve: { id: string } }; errors?: unknown };
    expect(errors).toBeUndefined();
    await waitUntil('the command reaches gw-1 on A', () => commands.length > 0);
    expect(commands).toEqual([expect.objectContaining({ id: data!.operateValve.id, action: 'CLOSE' })]);
    // The valve's twin is written by A alone (a second writer could lose a change), and B shows it.
    expect(a.output()).toContain('carrying out a request of another twins instance');
    await waitUntil('B shows the valve as asked', () => {
      const valve = b.kinds.require('valve').twins.get(valveId) as { desired?: { open?: { commandId: string } } } | undefined;
      return valve?.desired?.open?.commandId === data!.operateValve.id;
    });
  });

  it('acknowledges on A, which holds the detector, an alarm acknowledged through B, and B shows it on the twin', async () => {
    const gw1 = clients.find((c) => c.options.username === 'gw-1')!;
    await gw1.publishAsync(`hearth/v1/gw-1/detector/${detectorId}/telemetry`, JSON.stringify({ ts: new Date().toISOString(), seq: 2, lelPercent: 30 }), {
      qos: 1,
    });
    const alarmOnB = () => (b.kinds.require('detector').twins.get(detectorId)?.alarms ?? []).find((a) => a.code === 'GAS_LEL_HIGH');
    await waitUntil('B shows the detector alarm A raised', () => alarmOnB() !== undefined);
    const response = await fetch(b.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await testContext.headers({ tenantId: TENANT })) },
      body: JSON.stringify({ query: `mutation { acknowledgeAlarm(id: "${alarmOnB()!.id}", comment: "on my way") { state acknowledgedBy } }` }),
    });
    const { data, errors } = (await response.json()) as { data?: { acknowledgeAlarm: { state: string } }; errors?: unknown };
    expect(errors).toBeUndefined();
    expect(data!.acknowledgeAlarm.state).toBe('ACKNOWLEDGED');
    expect(a.output()).toMatch(/"op":"acknowledge".*carrying out a request of another twins instance/);
    await waitUntil('B shows the acknowledgement on the twin', () => alarmOnB()?.state === 'ACKNOWLEDGED');
  });

  it('leaves the gateways A holds online when another instance starts, and a gateway that moved to B online when its old connection on A closes', async () => {
    const atA = await connectTo(aMqtt, 'gw-3', 'gw-3-here');
    await waitUntil('B sees gw-3 online at A', () => b.gateways.get('gw-3')?.online === true);
    // A third instance starting marks offline only what nobody alive holds.
    const third = await startInProcess(await freePort());
    try {
      expect(third.gateways.get('gw-3')).toMatchObject({ online: true });
      await new Promise((r) => setTimeout(r, 300));
      expect(b.gateways.get('gw-3')).toMatchObject({ online: true });
      expect(await db.query('SELECT online FROM twins.gateway_twin WHERE gateway_id = $1', ['gw-3'])).toEqual([{ online: true }]);
    } finally {
      await third.close();
      await atA.endAsync(true);
    }

    const old = await connectTo(aMqtt, 'gw-2', 'gw-2-old');
    await waitUntil('B sees gw-2 online at A', () => b.gateways.get('gw-2')?.online === true);
    const heldByA = b.gateways.get('gw-2')!.holder;
    const moved = await connectTo(bMqtt, 'gw-2', 'gw-2-new');
    await waitUntil('B holds gw-2', () => b.gateways.get('gw-2')?.holder !== heldByA);
    // A sees the gateway's connection there close: not the gateway going offline, since B holds it now.
    await old.endAsync(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(b.gateways.get('gw-2')).toMatchObject({ online: true });
    expect(await db.query('SELECT online FROM twins.gateway_twin WHERE gateway_id = $1', ['gw-2'])).toEqual([{ online: true }]);
    await moved.endAsync(true);
  });

  it('stores every acknowledged sample exactly once when A is killed -9 under load and its gateways reconnect to B', async () => {
    // Each gateway keeps what it sent until acknowledged, and sends it again after reconnecting (store and forward).
    const acked = new Map<string, Set<number>>(GATEWAYS.map((g) => [g, new Set()]));
    // Sample `seq`: `seq` m³ on the register, read `seq` ms past an hour ago (in the past, so it keeps its own time: readings are unique per instant).
    const since = Date.now() - 3_600_000;
    let stop = false;
    const run = async (gatewayId: string) => {
      const unacked = new Map<number, string>();
      let seq = 0;
      let client = await connectTo(aMqtt, gatewayId);
      const topic = `hearth/v1/${gatewayId}/meter/${meterOf.get(gatewayId)}/telemetry`;
      const send = (s: number, body: string) =>
        client.publishAsync(topic, body, { qos: 1 }).then(
          () => (unacked.delete(s), acked.get(gatewayId)!.add(s)),
          () => undefined,
        );
      while (!stop) {
        if (!client.connected) {
          await client.endAsync(true).catch(() => undefined);
          client = await connectTo(bMqtt, gatewayId);
          await Promise.all([...unacked].map(([s, body]) => send(s, body)));
        }
        seq += 1;
        const body = JSON.stringify({ ts: new Date(since + seq).toISOString(), seq, registerM3: seq });
        unacked.set(seq, body);
        void send(seq, body);
        await new Promise((r) => setTimeout(r, 5));
      }
      // Whatever is still waiting goes once more, to B.
      if (!client.connected) client = await connectTo(bMqtt, gatewayId);
      await Promise.all([...unacked].map(([s, body]) => send(s, body)));
    };
    const running = Promise.all(GATEWAYS.map(run));
    await waitUntil('every gateway has samples acknowledged by A', () => Math.min(...[...acked.values()].map((s) => s.size)) > 50, 10_000);
    a.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await running;

    for (const gatewayId of GATEWAYS) {
      const rows = await db.query<{ seq: number; n: number }>(
        `SELECT (register_milli / 1000)::int AS seq, count(*)::int AS n FROM twins.meter_reading WHERE tenant_id = $1 AND meter_id = $2 GROUP BY 1`,
        [TENANT, meterOf.get(gatewayId)],
      );
      const stored = new Map(rows.map((r) => [r.seq, r.n]));
      const mine = [...acked.get(gatewayId)!];
      expect(mine.length).toBeGreaterThan(50);
      expect(mine.filter((s) => stored.get(s) !== 1)).toEqual([]);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    }
    // B holds the gateways now.
    await waitUntil('B holds every gateway', () => GATEWAYS.every((g) => b.gateways.get(g)?.online && b.gateways.get(g)?.holder !== null));
  }, 60_000);
});
