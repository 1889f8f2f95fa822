import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerType, startCustomersService, type RunningCustomersService } from '@hearth/customers';
import { MeterKind, startMeteringService, type RunningMeteringService } from '@hearth/metering';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { PiiProtector } from '@hearth/platform/pii';
import { tanksMigrations } from '@hearth/tanks';
import { waitUntil } from '@hearth/testkit/eventually';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { testContext } from '@hearth/testkit/signed-context';
import { LOW_TENANT_TOP_UP_MINOR, MeteringActivity } from './demo-mall';
import type { DemoMetering } from './demo-metering';

let db: Database;
let customers: RunningCustomersService;
let metering: RunningMeteringService;
const logger = createLogger('metering-activity-test', 'silent');
const by: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'test', principal: { kind: 'service', id: 'test' }, scopes: [] };
beforeAll(async () => {
  db = await openTestDatabase();
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  const common = { db, port: 0, host: '127.0.0.1', logger, contextVerifier: testContext.verifier };
  customers = await startCustomersService({ ...common, pii: new PiiProtector({ keys: { k1: randomBytes(32) }, current: 'k1' }) });
  metering = await startMeteringService(common);
});
afterAll(async () => {
  await metering?.close();
  await customers?.close();
  await db?.close();
});

const balanceOf = async (accountId: string) =>
  (await db.query<{ b: number }>('SELECT balance_minor::float8 AS b FROM ledger.account WHERE id = $1', [accountId]))[0]!.b;

describe('the demo mall’s tenants at the counter', () => {
  it('tops the cut-off tenant up only after its wait, and it is reconnected; a tenant below ¥35 tops up at once', async () => {
    const shops = [];
    for (const name of ['Low tenant', 'Other tenant'])
      shops.push(await customers.services.customers.create(DEMO_TENANT_ID, { type: CustomerType.COMMERCIAL, name }));
    const tariff = await metering.services.tariffs.tariffs.create(by, {
      kind: MeterKind.ELECTRICITY,
      name: 'Flat',
      version: { type: 'FLAT', unitPrice: '0.6800' },
    } as unknown as Parameters<typeof metering.services.tariffs.tariffs.create>[1]);
    const { meters } = metering.services.meters;
    await meters.importRows(by, [
      { kind: MeterKind.ELECTRICITY, serial: '440100000001', name: 'Shop B1-001' },
      { kind: MeterKind.ELECTRICITY, serial: '440100000002', name: 'Shop B1-002' },
    ]);
    const ids = (await meters.list(DEMO_TENANT_ID, {}, 10)).edges.map((e) => e.node.id);
    for (const [k, id] of ids.entries()) await meters.bind(by, id, shops[k]!.id, tariff.id);
    // The supply area cut the low tenant off at the floor (its wallet is empty).
    await db.query(`UPDATE metering.meter SET relay_intended = 'OPEN' WHERE id = $1`, [ids[0]]);

    const low = { meterId: ids[0]!, customerId: shops[0]!.id, accountId: shops[0]!.accountId, name: 'Shop B1-001' };
    const activity = new MeteringActivity({
      metering: { lowTenant: low } as DemoMetering,
      meteringServices: metering.services,
      customers: customers.services,
      tenantId: DEMO_TENANT_ID,
      mqttUrl: 'mqtt://unused',
      dataDir: '/unused',
      logger,
      lowTenantTopUpAfterMs: 150_000,
    });
    const t0 = Date.now();
    await activity.tick(t0);
    expect(await balanceOf(low.accountId)).toBe(0);
    expect(await balanceOf(shops[1]!.accountId)).toBeGreaterThanOrEqual(50_000);
    await activity.tick(t0 + 100_000);
    expect(await balanceOf(low.accountId)).toBe(0);
    await activity.tick(t0 + 150_000);
    expect(await balanceOf(low.accountId)).toBe(LOW_TENANT_TOP_UP_MINOR);
    // Past the reconnection threshold: the supply sweep lets the relay close.
    await waitUntil(
      'the low tenant reconnected',
      async () => (await meters.byIds(DEMO_TENANT_ID, [low.meterId])).get(low.meterId)?.relayIntended === 'CLOSED',
      15_000,
    );
    const [event] = await db.query<{ action: string; reason: string }>(
      `SELECT action, reason FROM metering.supply_event WHERE meter_id = $1 AND action IN ('ALLOW_CLOSE', 'CLOSE')`,
      [low.meterId],
    );
    expect(event).toEqual({ action: 'ALLOW_CLOSE', reason: 'TOP_UP' });
    // Topped up once: the next looks find it connected.
    await activity.tick(t0 + 400_000);
    expect(await balanceOf(low.accountId)).toBe(LOW_TENANT_TOP_UP_MINOR);
  });
});
