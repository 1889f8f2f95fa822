import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceMessage } from '@hearth/broker';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import { JobScheduler, loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase, refreshContinuousAggregate } from '@hearth/testkit/test-database';
import { tanksMigrations } from '@hearth/tanks';
import { TankConfigStore } from '../kinds/tank/store/tank-config-store';
import { twinsMigrations } from '../index';
import { GatewayTwins } from './gateway-twins';
import { IngestPipeline } from './ingest-pipeline';
import { TankTwins } from '../kinds/tank/tank-twins';
import type { TankTwinState } from '../kinds/tank/model/tank-twin';
import { TwinEvents } from '../kinds/twin-events';
import { tankKind, type TankKind } from '../kinds/tank/tank-kind';
import { TwinKinds } from '../kinds/twin-kind';

const logger = createLogger('twins-test', 'silent');
let db: Database;
let pipeline: IngestPipeline;
let twins: TankTwins;
let gateways: GatewayTwins;
let events: TwinEvents<TankTwinState>;
let tanks: TankKind;
let tankId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  const [site] = await db.query<{ id: string }>(`INSERT INTO tanks.site (tenant_id, code, name) VALUES ($1, 'S', 'Depot') RETURNING id`, [DEMO_TENANT_ID]);
  const [tank] = await db.query<{ id: string }>(
    `INSERT INTO tanks.tank (tenant_id, site_id, name, product, capacity_liters, density_kg_per_l, high_high_mm, high_mm) VALUES ($1, $2, 'T1', 'LPG', 50000, 0.5, 2400, 2200) RETURNING id`,
    [DEMO_TENANT_ID, site!.id],
  );
  tankId = tank!.id;
  await db.query(`INSERT INTO tanks.strapping_table (tenant_id, tank_id, version, points) VALUES ($1, $2, 1, $3)`, [
    DEMO_TENANT_ID,
    tankId,
    JSON.stringify([
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 2500, volumeLiters: 50_000 },
    ]),
  ]);
  const configs = new TankConfigStore(db);
  await configs.start();
  twins = new TankTwins();
  gateways = new GatewayTwins();
  events = new TwinEvents<TankTwinState>((twin) => twin.tankId);
  tanks = tankKind({ twins, configs, events });
  pipeline = new IngestPipeline(db, { kinds: new TwinKinds().register(tanks), gateways }, logger);
});
afterAll(() => db.close());

const message = (samples: { ts: string; seq?: number; levelMm: number }[]): DeviceMessage => ({
  tenantId: DEMO_TENANT_ID,
  gatewayId: 'gw-test',
  kind: 'tank',
  deviceId: tankId,
  channel: 'telemetry',
  qos: 1,
  receivedAt: new Date(),
  samples: samples.map((s) => ({ ts: new Date(s.ts), tsGiven: true, seq: s.seq, values: { levelMm: s.levelMm, temperatureC: 15 } })),
});
const messageAt = (ts: string, seq: number, levelMm: number) => message([{ ts, seq, levelMm }]);
const count = async (sql: string) => Number((await db.query<{ n: number }>(sql, [tankId]))[0]!.n);

/** The statements the pipeline's transactions send while `fn` runs. */
async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const transaction = db.transaction.bind(db);
  const spy = vi
    .spyOn(db, 'transaction')
    .mockImplementation((body) => transaction((tx) => body({ query: (sql, params) => (statements.push(sql), tx.query(sql, params)) })));
  try {
    return { result: await fn(), statements };
  } finally {
    spy.mockRestore();
  }
}

describe('ingest pipeline', () => {
  it('writes a batch to the hypertable and the twin, then publishes the committed change', async () => {
    const seen: TankTwinState[] = [];
    const changes = events.changes(DEMO_TENANT_ID, [tankId]);
    const listening = (async () => {
      for await (const e of changes) seen.push(e);
    })();
    const result = await pipeline.accept(
      message([
        { ts: '2026-11-21T08:00:00Z', seq: 1, levelMm: 1000 },
        { ts: '2026-11-21T08:00:30Z', seq: 2, levelMm: 1010 },
        { ts: '2026-11-21T08:01:10Z', seq: 3, levelMm: 1020 },
      ]),
    );
    expect(result).toEqual({ stored: 3, duplicates: 0 });
    expect(await count('SELECT count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1')).toBe(3);
    const [row] = await db.query<{ last_seq: number; reported: { levelMm: number }; derived: { volumeLiters: number } }>(
      'SELECT * FROM twins.tank_twin WHERE tank_id = $1',
      [tankId],
    );
    expect(row).toMatchObject({ last_seq: 3, reported: { levelMm: 1020 }, derived: { volumeLiters: 20_400 } });
    await new Promise((r) => setTimeout(r, 20));
    await changes.return!();
    await listening;
    expect(seen.at(-1)?.reported.levelMm).toBe(1020);
  });

  it('fills the 1-minute and 1-hour continuous aggregates when the embedded scheduler runs their jobs', async () => {
    // The samples are "now" relative to the policies' windows only if the clock agrees; materialise
    // their range explicitly, then prove the scheduler's job runs complete without error.
    const window = { fromSql: "'2026-11-21 07:00+00'", toSql: "'2026-11-21 09:00+00'" };
    await refreshContinuousAggregate(db, 'twins.tank_sample_1m', window);
    await refreshContinuousAggregate(db, 'twins.tank_sample_1h', window);
    await new JobScheduler(db, logger).runAll();
    // Only materialised rows: real-time aggregation would answer even without a refresh.
    await db.exec(`ALTER MATERIALIZED VIEW twins.tank_sample_1m SET (timescaledb.materialized_only = true)`);
    await db.exec(`ALTER MATERIALIZED VIEW twins.tank_sample_1h SET (timescaledb.materialized_only = true)`);
    const viaView = await db.query<{ bucket: Date; level_mm: number; samples: number }>(
      'SELECT bucket, level_mm, samples::int FROM twins.tank_sample_1m WHERE tank_id = $1 ORDER BY bucket',
      [tankId],
    );
    expect(viaView.map((b) => [b.bucket.toISOString(), b.level_mm, b.samples])).toEqual([
      ['2026-11-21T08:00:00.000Z', 1005, 2],
      ['2026-11-21T08:01:00.000Z', 1020, 1],
    ]);
    const hours = await db.query<{ samples: number }>('SELECT samples::int FROM twins.tank_sample_1h WHERE tank_id = $1', [tankId]);
    expect(hours).toEqual([{ samples: 3 }]);
  });

  it('drops redelivered samples by seq, storing nothing twice', async () => {
    const result = await pipeline.accept(
      message([
        { ts: '2026-11-21T08:01:10Z', seq: 3, levelMm: 1020 },
        { ts: '2026-11-21T08:02:00Z', seq: 4, levelMm: 1030 },
      ]),
    );
    expect(result).toEqual({ stored: 1, duplicates: 1 });
    expect(await count('SELECT count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1 AND seq = 3')).toBe(1);
  });

  it('stores a late sample in history but leaves the twin as it was (a late sample showing no alarm)', async () => {
    const before = twins.get(tankId)!;
    await pipeline.accept(message([{ ts: '2026-11-21T07:00:00Z', seq: 5, levelMm: 1500 }]));
    const after = twins.get(tankId)!;
    expect(after.reported.levelMm).toBe(before.reported.levelMm);
    expect(after.reportedAt).toEqual(before.reportedAt);
    expect(after.alarms).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1 AND time = '2026-11-21T07:00:00Z'`)).toBe(1);
  });

  it('raises an HH alarm once and restores twins with their alarms after a restart', async () => {
    await pipeline.accept(
      message([
        { ts: '2026-11-21T08:03:00Z', seq: 6, levelMm: 2450 },
        { ts: '2026-11-21T08:03:10Z', seq: 7, levelMm: 2455 },
      ]),
    );
    expect(
      twins
        .get(tankId)!
        .alarms.map((a) => a.code)
        .sort(),
    ).toEqual(['LEVEL_H', 'LEVEL_HH', 'OVERFILL']);
    expect(await count(`SELECT count(*)::int AS n FROM twins.alarm WHERE asset_id = $1`)).toBe(3);
    const restored = new TankTwins();
    await restored.restore(db);
    expect(restored.get(tankId)).toEqual(twins.get(tankId));
  });

  it('records an alarm that raises, clears and raises again within one batch', async () => {
    // HH is 2400 mm with a 10 mm deadband: up, down, up, down, up in one message.
    const result = await pipeline.accept(
      message([
        { ts: '2026-11-21T08:10:00Z', seq: 20, levelMm: 1500 },
        { ts: '2026-11-21T08:10:01Z', seq: 21, levelMm: 2410 },
        { ts: '2026-11-21T08:10:02Z', seq: 22, levelMm: 2300 },
        { ts: '2026-11-21T08:10:03Z', seq: 23, levelMm: 2420 },
        { ts: '2026-11-21T08:10:04Z', seq: 24, levelMm: 2300 },
        { ts: '2026-11-21T08:10:05Z', seq: 25, levelMm: 2430 },
      ]),
    );
    expect(result.stored).toBe(6);
    const hh = await db.query<{ state: string; raised_at: Date }>(
      `SELECT state, raised_at FROM twins.alarm WHERE asset_id = $1 AND code = 'LEVEL_HH' AND raised_at >= '2026-11-21T08:10:00Z' ORDER BY raised_at`,
      [tankId],
    );
    expect(hh.map((a) => a.state)).toEqual(['CLEARED_UNACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED', 'ACTIVE']);
    expect(twins.get(tankId)!.alarms.filter((a) => a.code === 'LEVEL_HH')).toHaveLength(1);
  });

  it('stores messages no twin models yet, once, instead of refusing them', async () => {
    const event: DeviceMessage = {
      ...message([]),
      channel: 'event',
      samples: [{ ts: new Date('2026-11-21T08:20:00Z'), tsGiven: true, seq: 1, values: { type: 'DELIVERY_START' } }],
    };
    expect(await pipeline.accept(event)).toEqual({ stored: 1, duplicates: 0 });
    expect(await pipeline.accept(event)).toEqual({ stored: 0, duplicates: 1 });
    const rows = await db.query<{ payload: unknown }>(`SELECT payload FROM twins.device_message WHERE device_id = $1`, [tankId]);
    expect(rows).toEqual([{ payload: { type: 'DELIVERY_START' } }]);
  });

  it('stores a batch of raw messages in one statement, telling each message its new and duplicate samples', async () => {
    const meter = (deviceId: string, samples: [seq: number | undefined, ts: string][]): DeviceMessage => ({
      ...message([]),
      kind: 'meter',
      deviceId,
      samples: samples.map(([seq, ts]) => ({ ts: new Date(ts), tsGiven: true, seq, values: { totalizerM3: 1000 + (seq ?? 0) } })),
    });
    expect(await pipeline.accept(meter('MTR-1', [[1, '2026-11-21T11:00:00Z']]))).toEqual({ stored: 1, duplicates: 0 });

    // Accepted in one tick: one batch.
    const { result: results, statements } = await statementsDuring(() =>
      Promise.all([
        pipeline.accept(meter('MTR-1', [[1, '2026-11-21T11:00:00Z']])), // stored by an earlier batch
        pipeline.accept(meter('MTR-1', [[2, '2026-11-21T11:00:10Z']])),
        pipeline.accept(meter('MTR-2', [[2, '2026-11-21T11:00:10Z']])), // same seq and time, another device
        pipeline.accept(meter('MTR-1', [[2, '2026-11-21T11:00:10Z']])), // a redelivery within the batch
        pipeline.accept(
          meter('MTR-2', [
            [2, '2026-11-21T11:00:10Z'],
            [3, '2026-11-21T11:00:20Z'],
          ]),
        ),
        // Without a seq nothing tells a redelivery apart: both are stored.
        pipeline.accept(meter('MTR-3', [[undefined, '2026-11-21T11:00:30Z']])),
        pipeline.accept(meter('MTR-3', [[undefined, '2026-11-21T11:00:30Z']])),
      ]),
    );
    expect(results).toEqual([
      { stored: 0, duplicates: 1 },
      { stored: 1, duplicates: 0 },
      { stored: 1, duplicates: 0 },
      { stored: 0, duplicates: 1 },
      { stored: 1, duplicates: 1 },
      { stored: 1, duplicates: 0 },
      { stored: 1, duplicates: 0 },
    ]);
    expect(statements.filter((sql) => sql.includes('INSERT INTO twins.device_message'))).toHaveLength(1);
    const rows = await db.query<{ device_id: string; seq: number }>(
      `SELECT device_id, seq::int FROM twins.device_message WHERE kind = 'meter' ORDER BY device_id, seq`,
    );
    expect(rows.map((r) => `${r.device_id}#${r.seq}`)).toEqual(['MTR-1#1', 'MTR-1#2', 'MTR-2#2', 'MTR-2#3', 'MTR-3#null', 'MTR-3#null']);
  });

  it("stores two tenants' readings of devices with the same kind and id apart: neither is the other's redelivery", async () => {
    const otherTenant = '00000000-0000-4000-8000-0000000000bb';
    const reading = (tenantId: string, gatewayId: string, totalizerM3: number): DeviceMessage => ({
      ...message([]),
      tenantId,
      gatewayId,
      kind: 'meter',
      deviceId: 'MTR-shared',
      samples: [{ ts: new Date('2026-11-21T11:30:00Z'), tsGiven: true, seq: 1, values: { totalizerM3 } }],
    });
    // One batch, each reading twice: each tenant's first copy is new, its second a redelivery.
    const results = await Promise.all([
      pipeline.accept(reading(DEMO_TENANT_ID, 'gw-a', 1)),
      pipeline.accept(reading(otherTenant, 'gw-b', 2)),
      pipeline.accept(reading(DEMO_TENANT_ID, 'gw-a', 1)),
      pipeline.accept(reading(otherTenant, 'gw-b', 2)),
    ]);
    expect(results).toEqual([
      { stored: 1, duplicates: 0 },
      { stored: 1, duplicates: 0 },
      { stored: 0, duplicates: 1 },
      { stored: 0, duplicates: 1 },
    ]);
    const rows = await db.query<{ tenant_id: string; payload: unknown }>(
      `SELECT tenant_id, payload FROM twins.device_message WHERE device_id = 'MTR-shared' ORDER BY gateway_id`,
    );
    expect(rows).toEqual([
      { tenant_id: DEMO_TENANT_ID, payload: { totalizerM3: 1 } },
      { tenant_id: otherTenant, payload: { totalizerM3: 2 } },
    ]);
  });

  it("writes a gateway's last-seen time once per 10-s period while nothing else about it changes, keeping it exact in memory", async () => {
    const gatewayId = 'gw-seen';
    const at = (s: number) => new Date(Date.parse('2026-11-21T12:00:00Z') + s * 1000);
    const event = (s: number): DeviceMessage => ({
      ...message([]),
      gatewayId,
      channel: 'event',
      receivedAt: at(s),
      samples: [{ ts: at(s), tsGiven: true, seq: 1000 + s, values: { type: 'PING' } }],
    });
    const { statements } = await statementsDuring(async () => {
      pipeline.gatewayStatus({ tenantId: DEMO_TENANT_ID, gatewayId, online: true, at: at(0) });
      for (const s of [1, 2, 5, 11, 12]) await pipeline.accept(event(s));
    });
    expect(gateways.get(gatewayId)?.lastSeenAt).toEqual(at(12));
    // With its status at 1 s, then alone at 11 s.
    expect(statements.filter((sql) => sql.includes('INSERT INTO twins.gateway_twin'))).toHaveLength(2);
    const [row] = await db.query<{ last_seen_at: Date; online: boolean }>('SELECT last_seen_at, online FROM twins.gateway_twin WHERE gateway_id = $1', [
      gatewayId,
    ]);
    expect(row).toEqual({ last_seen_at: at(11), online: true });
  });

  it("applies another instance's committed changes in its turn: a newer twin replaces the one in memory and is published, an older one is dropped", async () => {
    if (!twins.get(tankId)) await pipeline.accept(messageAt('2026-11-21T07:00:00Z', 1, 900));
    const current = twins.get(tankId)!;
    const seen: TankTwinState[] = [];
    const changes = events.changes(DEMO_TENANT_ID, [tankId]);
    const listening = (async () => {
      for await (const e of changes) seen.push(e);
    })();
    const newer = { ...current, reported: { ...current.reported, levelMm: 1234 }, version: current.version + 1 };
    const older = { ...current, reported: { ...current.reported, levelMm: 999 }, version: current.version - 1 };
    pipeline.applyPeerChanges({ gateways: [], kinds: [{ kind: 'tank', twins: [newer] }], alarms: [] });
    pipeline.applyPeerChanges({ gateways: [], kinds: [{ kind: 'tank', twins: [older] }], alarms: [] });
    await pipeline.drain();
    expect(twins.get(tankId)).toMatchObject({ version: newer.version, reported: { levelMm: 1234 } });
    // Two instances moved a gateway to the same version at once: its connection beats its disconnection.
    const gateway = { gatewayId: 'gw-peer', tenantId: DEMO_TENANT_ID, online: false, since: new Date(), lastSeenAt: null, version: 3, alarms: [], holder: 'a' };
    pipeline.applyPeerChanges({ gateways: [gateway], kinds: [], alarms: [] });
    pipeline.applyPeerChanges({ gateways: [{ ...gateway, online: true, holder: 'b' }], kinds: [], alarms: [] });
    pipeline.applyPeerChanges({ gateways: [{ ...gateway, holder: 'a' }], kinds: [], alarms: [] });
    await pipeline.drain();
    expect(gateways.get('gw-peer')).toMatchObject({ online: true, holder: 'b' });
    await new Promise((r) => setTimeout(r, 20));
    await changes.return!();
    await listening;
    expect(seen.map((e) => e.reported.levelMm)).toEqual([1234]);
    // Nothing was written: the instance that committed it stored it.
    const [row] = await db.query<{ version: number }>('SELECT version FROM twins.tank_twin_state WHERE tank_id = $1', [tankId]);
    expect(row!.version).toBe(current.version);
  });

  it('commits a message that arrives just as a flush finds its queue empty (its PUBACK does not wait for the next message)', async () => {
    const base = Date.parse('2026-11-21T09:30:00Z');
    const reading = (i: number) => message([{ ts: new Date(base + i * 1000).toISOString(), seq: 90 + i, levelMm: 1400 + i }]);
    await Promise.all([pipeline.accept(reading(0)), pipeline.accept(reading(1))]);
    // Accepted in the gap between the flush loop's last look at the queue and its end.
    const late = pipeline.accept(reading(2));
    const settled = await Promise.race([late.then(() => 'committed'), new Promise((r) => setTimeout(() => r('still waiting'), 3_000))]);
    expect(settled).toBe('committed');
  });

  it('keeps many concurrent messages consistent: every sample stored once, seq order respected', async () => {
    const base = Date.parse('2026-11-21T09:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pipeline.accept(message([{ ts: new Date(base + i * 1000).toISOString(), seq: 100 + i, levelMm: 1500 + i }]))),
    );
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(200);
    expect(await count('SELECT count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1 AND seq >= 100')).toBe(200);
    expect(twins.get(tankId)!.lastSeq).toBe(299);
  });

  it('runs tasks in their turn, each in its own transaction: a failing task changes nothing and costs no message its ack', async () => {
    const before = twins.get(tankId)!;
    const failing = pipeline.run(async (tx, batch) => {
      batch.of(tanks).put({ ...before, stale: true, version: before.version + 1 });
      await tx.query('SELECT 1/0');
    });
    const message = pipeline.accept(messageAt('2026-11-21T10:00:00Z', 400, 1600));
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(await message).toEqual({ stored: 1, duplicates: 0 });
    expect(twins.get(tankId)!.stale).toBe(false);
    const [row] = await db.query<{ stale: boolean; version: number }>('SELECT stale, version FROM twins.tank_twin WHERE tank_id = $1', [tankId]);
    expect(row).toEqual({ stale: false, version: twins.get(tankId)!.version });
  });
});
