import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultPayloadLimits, parsePayload, type DeviceMessage } from '@hearth/broker';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import { loadMigrations, migrate, type BulkQueryable, type Database, type Queryable } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { expireCommands } from '../commands/command-expiry';
import { checkConnectivity, defaultConnectivity, startOffline } from '../connectivity/connectivity-monitor';
import { twinsMigrations } from '../index';
import { GatewayTwins } from '../ingest/gateway-twins';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { insertCommand } from '../store/command-store';
import { TwinKinds, type DeviceTwin, type KindTwins, type TwinKind } from './twin-kind';

/**
 * A kind made up here and registered by this test alone (no core file names it): a sub-meter whose
 * telemetry carries `kWh`, whose twins and readings live in tables of the test's own, and which has
 * one desired value (its relay). Ingest, connectivity, staleness, command withdrawal and restore
 * must all work for it through the seam.
 */
interface SubMeterTwin extends DeviceTwin {
  meterId: string;
  kWh: number | null;
  desiredRelay: { closed: boolean; commandId: string } | null;
}

class SubMeterTwins implements KindTwins<SubMeterTwin> {
  readonly byId = new Map<string, SubMeterTwin>();
  get = (id: string) => this.byId.get(id);
  set = (twin: SubMeterTwin) => void this.byId.set(twin.meterId, twin);
  all = () => this.byId.values();
  behindGateway = (gatewayId: string) => [...this.byId.values()].filter((t) => t.gatewayId === gatewayId);
  async restore(db: BulkQueryable): Promise<number> {
    const rows = await db.query<{ state: SubMeterTwin }>('SELECT state FROM probe.sub_meter_twin');
    for (const { state } of rows) this.set({ ...state, lastSeenAt: state.lastSeenAt && new Date(state.lastSeenAt) });
    return rows.length;
  }
}

function subMeterKind(twins: SubMeterTwins, published: SubMeterTwin[]): TwinKind<SubMeterTwin, { meterId: string; kWh: number }> {
  return {
    kind: 'meter',
    twins,
    idOf: (twin) => twin.meterId,
    telemetry: () => z.strictObject({ kWh: z.number().min(0) }),
    handlers: {
      telemetry: (message, batch) => {
        const before = batch.get(message.deviceId);
        let twin: SubMeterTwin = before ?? {
          meterId: message.deviceId,
          tenantId: message.tenantId,
          gatewayId: null,
          online: false,
          stale: false,
          lastSeenAt: null,
          version: 0,
          alarms: [],
          kWh: null,
          desiredRelay: null,
        };
        for (const sample of message.samples) {
          const kWh = sample.values.kWh as number;
          twin = { ...twin, kWh, gatewayId: message.gatewayId, online: true, stale: false, lastSeenAt: message.receivedAt, version: twin.version + 1 };
          batch.rows.push({ meterId: message.deviceId, kWh });
        }
        batch.put(twin);
        return { stored: message.samples.length, duplicates: 0 };
      },
    },
    save: async (tx: Queryable, changed, rows) => {
      for (const twin of changed) {
        await tx.query('INSERT INTO probe.sub_meter_twin (meter_id, state) VALUES ($1, $2) ON CONFLICT (meter_id) DO UPDATE SET state = EXCLUDED.state', [
          twin.meterId,
          JSON.stringify(twin),
        ]);
      }
      for (const row of rows) await tx.query('INSERT INTO probe.sub_meter_reading (meter_id, kwh) VALUES ($1, $2)', [row.meterId, row.kWh]);
    },
    withdraw: (twin, commandId) => (twin.desiredRelay?.commandId === commandId ? { ...twin, desiredRelay: null, version: twin.version + 1 } : twin),
    publish: (changed) => void published.push(...changed),
  };
}

const logger = createLogger('twin-kind-test', 'silent');
let db: Database;
let twins: SubMeterTwins;
let kind: ReturnType<typeof subMeterKind>;
let pipeline: IngestPipeline;
const published: SubMeterTwin[] = [];
const meterId = 'sub-7';
const gatewayId = 'gw-probe';

beforeAll(async () => {
  db = await openTestDatabase();
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  await db.exec(`CREATE SCHEMA probe;
    CREATE TABLE probe.sub_meter_twin (meter_id text PRIMARY KEY, state jsonb NOT NULL);
    CREATE TABLE probe.sub_meter_reading (meter_id text NOT NULL, kwh double precision NOT NULL)`);
  twins = new SubMeterTwins();
  kind = subMeterKind(twins, published);
  pipeline = new IngestPipeline(db, { kinds: new TwinKinds().register(kind), gateways: new GatewayTwins() }, logger);
});
afterAll(() => db.close());

const reading = (kWh: number): DeviceMessage => ({
  tenantId: DEMO_TENANT_ID,
  gatewayId,
  kind: 'meter',
  deviceId: meterId,
  channel: 'telemetry',
  qos: 1,
  receivedAt: new Date(),
  samples: [{ ts: new Date(), tsGiven: true, values: { kWh } }],
});

describe('a twin kind registered from outside the core', () => {
  it('is ingested through its handler: twin in memory, its rows and twin stored in the batch, subscribers told after commit', async () => {
    pipeline.gatewayStatus({ tenantId: DEMO_TENANT_ID, gatewayId, online: true, at: new Date() });
    expect(await pipeline.accept(reading(12.5))).toEqual({ stored: 1, duplicates: 0 });
    expect(twins.get(meterId)).toMatchObject({ kWh: 12.5, online: true, gatewayId });
    expect(await db.query('SELECT kwh FROM probe.sub_meter_reading')).toEqual([{ kwh: 12.5 }]);
    expect(published.at(-1)).toMatchObject({ meterId, kWh: 12.5 });
    // Nothing of it reached the store for messages no kind models.
    expect(await db.query("SELECT count(*)::int AS n FROM twins.device_message WHERE kind = 'meter'")).toEqual([{ n: 0 }]);
  });

  it('goes stale after its kind’s own timeout, and unreachable when its gateway goes', async () => {
    const later = new Date(Date.now() + defaultConnectivity.staleAfterMs.meter + 1_000);
    const tooEarly = new Date(Date.now() + defaultConnectivity.staleAfterMs.tank + 1_000);
    expect((await checkConnectivity(pipeline, defaultConnectivity, tooEarly)).stale).toBe(0);
    expect((await checkConnectivity(pipeline, defaultConnectivity, later)).stale).toBe(1);
    expect(twins.get(meterId)).toMatchObject({ online: false, stale: true });
    await pipeline.accept(reading(13));
    pipeline.gatewayStatus({ tenantId: DEMO_TENANT_ID, gatewayId, online: false, at: new Date() });
    await pipeline.run(async () => undefined);
    expect(twins.get(meterId)).toMatchObject({ online: false, stale: false, kWh: 13 });
  });

  it('has what an expired command asked for withdrawn through its kind', async () => {
    const command = await pipeline.run(async (tx, batch) => {
      const created = await insertCommand(tx, {
        id: randomUUID(),
        tenantId: DEMO_TENANT_ID,
        kind: 'meter',
        deviceId: meterId,
        gatewayId,
        desired: { relayClosed: false },
        requestedBy: 'user:test',
        requestId: null,
        expiresAt: new Date(Date.now() - 1_000),
      });
      const mine = batch.of(kind);
      const twin = mine.get(meterId)!;
      mine.put({ ...twin, desiredRelay: { closed: false, commandId: created.id }, version: twin.version + 1 });
      return created;
    });
    expect(twins.get(meterId)!.desiredRelay).toEqual({ closed: false, commandId: command.id });
    expect(await expireCommands(pipeline)).toBe(1);
    expect(twins.get(meterId)!.desiredRelay).toBeNull();
  });

  it('is restored at start from its own store, and starts offline', async () => {
    const restoredTwins = new SubMeterTwins();
    const restored = subMeterKind(restoredTwins, []);
    expect(await restoredTwins.restore(db)).toBe(1);
    const fresh = new IngestPipeline(db, { kinds: new TwinKinds().register(restored), gateways: new GatewayTwins() }, logger);
    await fresh.accept(reading(14));
    await startOffline(fresh);
    expect(restoredTwins.get(meterId)).toMatchObject({ kWh: 14, online: false, desiredRelay: null });
  });
});

describe('the kind registry', () => {
  it('hands each kind’s telemetry schema to the broker, which refuses what the kind does not read', () => {
    const telemetry = new TwinKinds().register(subMeterKind(new SubMeterTwins(), [])).telemetrySchemas();
    const parse = (payload: string) =>
      parsePayload(payload, { kind: 'meter', channel: 'telemetry', receivedAt: new Date(), limits: { ...defaultPayloadLimits, telemetry } });
    expect(parse('{"kWh":12.5}').ok).toBe(true);
    expect(parse('{"kWh":-1}')).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('{"kWh":1,"relay":"on"}')).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });

  it('refuses a kind registered twice, naming it', () => {
    const registry = new TwinKinds().register(subMeterKind(new SubMeterTwins(), []));
    expect(() => registry.register(subMeterKind(new SubMeterTwins(), []))).toThrow(/meter is registered twice/);
  });
});
