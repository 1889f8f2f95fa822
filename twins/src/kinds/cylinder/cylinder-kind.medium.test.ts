import { randomUUID } from 'node:crypto';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindDevice, brokerMigrations, type DeviceMessage } from '@hearth/broker';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { undocumented } from '@hearth/testkit/schema-documentation';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { DeviceService } from '../../fleet/device.service';
import { GatewayService } from '../../fleet/gateway.service';
import { twinsMigrations } from '../../index';
import { GatewayTwins } from '../../ingest/gateway-twins';
import { IngestPipeline } from '../../ingest/ingest-pipeline';
import { buildTwinsSchema } from '../../schema/twins-schema';
import type { TwinsDeps } from '../../schema/twins-deps';
import { TwinKinds } from '../twin-kind';
import { cylinderKind, type CylinderKind } from './cylinder-kind';
import { CylinderTwinResolver } from './schema/cylinder-twin.resolver';
import { CYLINDER_CHANGED_CHANNEL, CylinderFactsStore } from './store/cylinder-facts-store';

/**
 * Connected cylinders through the real pipeline and database, with the cylinders service's
 * registry created by its own migrations: remaining gas from the spec's tare, gas-low and
 * expired-in-use alarms, a registry change reaching the twin through NOTIFY, binding refused for
 * anything but the caller's own cylinders.
 */
const CYLINDERS_MIGRATIONS = new URL('../../../../subgraphs/cylinders/src/migrations/', import.meta.url);
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000ff';
const logger = createLogger('cylinder-kind-test', 'silent');
const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const gatewayId = 'gw-cylinders';
const CUSTOMER = randomUUID();

let db: Database;
let kind: CylinderKind;
let pipeline: IngestPipeline;
let devices: DeviceService;
let seq = 0;

const reading = (cylinderId: string, values: Record<string, number>): DeviceMessage => {
  const receivedAt = new Date();
  return {
    tenantId: DEMO_TENANT_ID,
    gatewayId,
    kind: 'cylinder',
    deviceId: cylinderId,
    channel: 'telemetry',
    qos: 1,
    receivedAt,
    samples: [{ ts: receivedAt, tsGiven: true, seq: ++seq, values }],
  };
};
const codes = (cylinderId: string) => kind.twins.get(cylinderId)?.alarms.map((a) => a.code);
const twinOf = (cylinderId: string) => new CylinderTwinResolver({ kind } as never).twin({ id: cylinderId }, { tenantId: DEMO_TENANT_ID } as SubgraphContext);

/** A cylinder on the registry (YSP35.5: 15 kg tare, 14.5 kg maximum fill), held by a customer unless told otherwise. */
async function cylinder(fields: { tenantId?: string; nextInspectionDue?: string } = {}): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company,
       state, holder_customer_id)
     VALUES ($1, $2, $3, 'YSP35.5', 'Acme', '2022-01-01', 8, $4, 'Hearth Gas', 'AT_CUSTOMER', $5) RETURNING id::text`,
    [fields.tenantId ?? DEMO_TENANT_ID, `S-${++seq}`, `E200-${seq}`, fields.nextInspectionDue ?? '2099-01-01', CUSTOMER],
  );
  return row!.id;
}

/** Binds a cylinder through the fleet (its asset check) and waits for its facts to arrive (the fleet's NOTIFY). */
async function bound(cylinderId: string): Promise<void> {
  await devices.bind(caller, { kind: 'cylinder', id: cylinderId, gatewayId });
  await expect.poll(() => kind.facts.get(DEMO_TENANT_ID, cylinderId)).not.toBeNull();
}

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateAudit(db);
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  // Looks for the registry's view every 50 ms until the cylinders service has migrated it.
  kind = cylinderKind({ db, facts: new CylinderFactsStore(db, undefined, 50) });
  await migrate(db, 'twins.cylinder', await loadMigrations(kind.migrations!));
  // Started before the cylinders service has migrated: no view, no facts, no failure.
  await kind.start!();
  await new GatewayService(db).register(caller, { id: gatewayId, name: 'Restaurants' });
  const kinds = new TwinKinds().register(kind);
  devices = new DeviceService(db, kinds);
  pipeline = new IngestPipeline(db, { kinds, gateways: new GatewayTwins() }, logger);
  pipeline.gatewayStatus({ tenantId: DEMO_TENANT_ID, gatewayId, online: true, at: new Date() });
});
afterAll(async () => {
  await kind?.stop?.();
  await db?.close();
});

describe('connected cylinders', () => {
  it('without the cylinders registry: binding is refused, and a bound cylinder’s twin works with no facts', async () => {
    const id = randomUUID();
    await expect(devices.bind(caller, { kind: 'cylinder', id, gatewayId })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND', entity: 'Cylinder' } });
    await bindDevice(db, { kind: 'cylinder', id, tenantId: DEMO_TENANT_ID, gatewayId });
    expect(await pipeline.accept(reading(id, { grossKg: 20, batteryPct: 80 }))).toEqual({ stored: 1, duplicates: 0 });
    expect(kind.twins.get(id)).toMatchObject({ grossKg: 20, remainingKg: null, batteryPercent: 80, facts: null, online: true, alarms: [] });
  });

  it('loads the facts of cylinders registered and bound before the registry published its view, once it does', async () => {
    const migrations = await loadMigrations(CYLINDERS_MIGRATIONS);
    await migrate(
      db,
      'cylinders',
      migrations.filter((m) => m.id < '0006'),
    );
    for (const tenant of [DEMO_TENANT_ID, OTHER_TENANT])
      await db.query(
        `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
         VALUES ($1, 'YSP35.5', 'YSP-35.5', 35.5, 15, 14.5, 0.5, 4, 8)`,
        [tenant],
      );
    const id = await cylinder();
    await devices.bind(caller, { kind: 'cylinder', id, gatewayId });
    await migrate(db, 'cylinders', migrations);
    await expect.poll(() => kind.facts.get(DEMO_TENANT_ID, id)?.nominalTareKg).toBe(15);
  });

  it('shows the gas left above the spec’s tare, with the registry’s facts', async () => {
    const id = await cylinder();
    await bound(id);
    await pipeline.accept(reading(id, { grossKg: 22.25 }));
    expect(kind.twins.get(id)).toMatchObject({ grossKg: 22.25, remainingKg: 7.25, remainingPercent: 50, alarms: [] });
    expect(twinOf(id)).toMatchObject({ remainingKg: 7.25, state: 'AT_CUSTOMER', holderCustomerId: CUSTOMER, nextInspectionDue: '2099-01-01' });
    const rows = await db.query('SELECT gross_kg, battery_percent FROM twins.cylinder_reading WHERE cylinder_id = $1', [id]);
    expect(rows).toEqual([{ gross_kg: 22.25, battery_percent: null }]);
  });

  it('raises CYLINDER_GAS_LOW below 10 % of a full fill and clears it above 15 %', async () => {
    const id = await cylinder();
    await bound(id);
    await pipeline.accept(reading(id, { grossKg: 16.3 }));
    expect(kind.twins.get(id)?.alarms).toMatchObject([{ code: 'CYLINDER_GAS_LOW', severity: 'MINOR', state: 'ACTIVE' }]);
    const alarm = async () =>
      (
        await db.query<{ asset_kind: string; cleared: boolean }>(`SELECT asset_kind, cleared_at IS NOT NULL AS cleared FROM twins.alarm WHERE asset_id = $1`, [
          id,
        ])
      )[0];
    expect(await alarm()).toEqual({ asset_kind: 'cylinder', cleared: false });
    await pipeline.accept(reading(id, { grossKg: 17 })); // 13.8 %: held
    expect(codes(id)).toEqual(['CYLINDER_GAS_LOW']);
    await pipeline.accept(reading(id, { grossKg: 29.4 })); // a full one on the base
    expect(codes(id)).toEqual([]);
    expect(await alarm()).toEqual({ asset_kind: 'cylinder', cleared: true });
  });

  it('raises CYLINDER_EXPIRED_IN_USE for a cylinder overdue for inspection that reports gas', async () => {
    const id = await cylinder({ nextInspectionDue: '2020-01-01' });
    await bound(id);
    await pipeline.accept(reading(id, { grossKg: 25 }));
    expect(kind.twins.get(id)?.alarms).toMatchObject([{ code: 'CYLINDER_EXPIRED_IN_USE', severity: 'MAJOR', value: 10 }]);
  });

  it('hears of a registry change through NOTIFY, without a restart, and judges the next reading by it', async () => {
    const id = await cylinder();
    await bound(id);
    await pipeline.accept(reading(id, { grossKg: 25 }));
    expect(codes(id)).toEqual([]);
    await db.query(`UPDATE cylinders.cylinder SET next_inspection_due = '2020-06-30' WHERE id = $1`, [id]);
    await expect.poll(() => twinOf(id)?.nextInspectionDue).toBe('2020-06-30');
    await pipeline.accept(reading(id, { grossKg: 24.9 }));
    expect(codes(id)).toEqual(['CYLINDER_EXPIRED_IN_USE']);
  });

  it('is told only of changes its view shows; a spec’s new tare reaches its cylinders', async () => {
    const id = await cylinder();
    await bound(id);
    const heard: string[] = [];
    const stop = await db.listen(CYLINDER_CHANGED_CHANNEL, (payload) => heard.push(payload));
    await db.query('UPDATE cylinders.cylinder SET updated_at = now() WHERE id = $1', [id]);
    await db.query(`UPDATE cylinders.cylinder SET last_net_kg = 14.4, last_filled_at = now() WHERE id = $1`, [id]);
    await db.query(`UPDATE cylinders.spec SET nominal_tare_kg = 15.2 WHERE tenant_id = $1 AND code = 'YSP35.5'`, [DEMO_TENANT_ID]);
    await expect.poll(() => heard).toEqual([id, `spec:${DEMO_TENANT_ID}:YSP35.5`]);
    await stop();
    await expect.poll(() => kind.facts.get(DEMO_TENANT_ID, id)?.nominalTareKg).toBe(15.2);
  });

  it('refuses to bind another tenant’s cylinder, or an id that is no cylinder', async () => {
    const theirs = await cylinder({ tenantId: OTHER_TENANT });
    await expect(devices.bind(caller, { kind: 'cylinder', id: theirs, gatewayId })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', entity: 'Cylinder' },
    });
    await expect(devices.bind(caller, { kind: 'cylinder', id: 'base-17', gatewayId })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', entity: 'Cylinder' },
    });
    expect(kind.facts.get(OTHER_TENANT, theirs)).toBeNull();
  });
});

describe('its part of the twins subgraph', () => {
  it('extends the cylinders subgraph’s Cylinder with its twin and a subscription, every element described', async () => {
    const schema = await buildTwinsSchema({ db, kinds: new TwinKinds().register(kind) } as unknown as TwinsDeps);
    expect(
      schema
        .getSubscriptionType()
        ?.getFields()
        .cylinderTwinChanged?.args.map((a) => a.name),
    ).toEqual(['cylinderIds']);
    expect(Object.keys((schema.getType('CylinderTwin') as GraphQLObjectType).getFields())).toContain('remainingKg');
    expect(undocumented(schema).filter((c) => /^Cylinder|cylinderTwinChanged/.test(c))).toEqual([]);
  });
});
