import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindDevice, brokerMigrations, type DeviceMessage, type Downlink, type DownlinkCommand } from '@hearth/broker';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { AlarmEvents } from '../../alarms/alarm-events';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { defaultCommandSettings, DesiredStateService } from '../../commands/desired-state.service';
import { DeviceService } from '../../fleet/device.service';
import { GatewayService } from '../../fleet/gateway.service';
import { twinsMigrations } from '../../index';
import { GatewayTwins } from '../../ingest/gateway-twins';
import { IngestPipeline } from '../../ingest/ingest-pipeline';
import { TwinKinds } from '../twin-kind';
import { scaleKind, type ScaleKind } from './scale-kind';

/**
 * The filling interlock through the real pipeline and database: tag reads decided after commit from
 * the cylinders service's published views (created here by its own migration), commands recorded
 * and sent by the service with an audit entry, fills judged and stored once.
 */
const CYLINDERS_MIGRATIONS = new URL('../../../../subgraphs/cylinders/src/migrations/', import.meta.url);
const logger = createLogger('scale-kind-test', 'silent');
const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const STATION = randomUUID();
const OTHER_STATION = randomUUID();
const scaleId = 'scale-1';
const gatewayId = 'gw-filling';

let db: Database;
let kind: ScaleKind;
let pipeline: IngestPipeline;
const sent: DownlinkCommand[] = [];
const cylinderIds = new Map<string, string>();
let seq = 0;

const message = (values: Record<string, string | number>, options: { seq?: number; receivedAt?: Date } = {}): DeviceMessage => {
  const receivedAt = options.receivedAt ?? new Date();
  return {
    tenantId: DEMO_TENANT_ID,
    gatewayId,
    kind: 'scale',
    deviceId: scaleId,
    channel: 'event',
    qos: 1,
    receivedAt,
    samples: [{ ts: receivedAt, tsGiven: true, seq: options.seq ?? ++seq, values }],
  };
};
/** Each read a new presentation: far enough apart in time from the last (`PRESENTATION_GAP_MS`). */
let clock = Date.now();
const presented = () => new Date((clock += 60_000));
const read = async (tag: string) => {
  await pipeline.accept(message({ type: 'TAG_READ', tag }, { receivedAt: presented() }));
  await kind.idle();
  return sent.at(-1)!.payload as { id: string; action: string; cylinderId: string | null; reason: string | null };
};
const fill = (tag: string, netKg: number) =>
  pipeline.accept(message({ type: 'FILL', tag, tareKg: 15, grossKg: 15 + netKg, netKg, operator: 'op-7' }, { receivedAt: presented() }));

async function cylinder(tag: string, fields: Partial<Record<string, string | null>> = {}): Promise<string> {
  const row = {
    state: 'EMPTY_STOCK',
    owner_company: 'Hearth Gas',
    fixed_station_id: null,
    next_inspection_due: '2099-01-01',
    manufactured_on: '2020-01-01',
    location_site_id: STATION,
    ...fields,
  };
  const [{ id }] = (await db.query<{ id: string }>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company,
       fixed_station_id, state, location_site_id)
     VALUES ($1, $2, $3, 'YSP15', 'Acme', $4, 8, $5, $6, $7, $8, $9) RETURNING id`,
    [DEMO_TENANT_ID, `S-${tag}`, tag, row.manufactured_on, row.next_inspection_due, row.owner_company, row.fixed_station_id, row.state, row.location_site_id],
  )) as [{ id: string }];
  cylinderIds.set(tag, id);
  return id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateAudit(db);
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  kind = scaleKind({ db });
  await migrate(db, 'twins.scale', await loadMigrations(kind.migrations!));
  await new GatewayService(db).register(caller, { id: gatewayId, name: 'Filling line' });
  // Bound directly: the cylinders service has not migrated yet, so the fleet could not bind it.
  await bindDevice(db, { kind: 'scale', id: scaleId, tenantId: DEMO_TENANT_ID, gatewayId });
  const kinds = new TwinKinds().register(kind);
  pipeline = new IngestPipeline(db, { kinds, gateways: new GatewayTwins() }, logger);
  const downlink = { send: async (c: DownlinkCommand) => (sent.push(c), 'sent' as const), onRoute: () => () => {} } as unknown as Downlink;
  const dispatcher = new CommandDispatcher(db, downlink, logger, (c) => kinds.get(c.kind)?.commandFields?.(c.desired) ?? {});
  kind.connect!({ db, desiredState: new DesiredStateService(db, pipeline, dispatcher, defaultCommandSettings), logger, alarms: new AlarmEvents() });
  pipeline.gatewayStatus({ tenantId: DEMO_TENANT_ID, gatewayId, online: true, at: new Date() });
});
afterAll(() => db?.close());

async function registry(): Promise<void> {
  await migrate(db, 'cylinders', await loadMigrations(CYLINDERS_MIGRATIONS));
  await db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
     VALUES ($1, 'YSP15', 'YSP-15', 35.5, 15, 14.5, 0.2, 4, 8)`,
    [DEMO_TENANT_ID],
  );
  for (const site of [STATION, OTHER_STATION])
    await db.query(`INSERT INTO cylinders.filling_station (tenant_id, site_id, company) VALUES ($1, $2, 'Hearth Gas')`, [DEMO_TENANT_ID, site]);
  await db.query(`INSERT INTO cylinders.filling_scale (tenant_id, id, station_id, name) VALUES ($1, $2, $3, 'Line 1')`, [DEMO_TENANT_ID, scaleId, STATION]);
}

describe('the filling interlock', () => {
  it('locks the scale while the cylinder registry does not exist yet (REGISTRY_UNAVAILABLE), and refuses to bind scales', async () => {
    expect(await read('E200-GOOD')).toMatchObject({ action: 'LOCK', cylinderId: null, reason: 'REGISTRY_UNAVAILABLE' });
    const devices = new DeviceService(db, new TwinKinds().register(kind));
    await expect(devices.bind(caller, { kind: 'scale', id: 'scale-x', gatewayId })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', entity: 'FillingScale' },
    });
    await registry();
    await expect(devices.bind(caller, { kind: 'scale', id: 'scale-x', gatewayId })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', entity: 'FillingScale' },
    });
    await expect(devices.bind(caller, { kind: 'scale', id: scaleId, gatewayId })).resolves.toMatchObject({ id: scaleId });
  });

  it('releases a good cylinder by a command of the service, audited, and shows it on the twin', async () => {
    const id = await cylinder('E200-GOOD');
    const release = await read('E200-GOOD');
    expect(release).toMatchObject({ action: 'RELEASE', cylinderId: id, reason: null });
    expect(kind.twins.get(scaleId)?.interlock).toMatchObject({ state: 'RELEASED', tag: 'E200-GOOD', cylinderId: id, commandId: release.id, maxFillKg: 14.5 });
    expect(kind.twins.get(scaleId)?.stationId).toBe(STATION);
    const [command] = await db.query<{ requested_by: string }>('SELECT requested_by FROM twins.command WHERE id = $1', [release.id]);
    expect(command?.requested_by).toBe('service:filling-interlock');
    const audit = await db.query<{ action: string; target: string; details: Record<string, unknown> }>(
      `SELECT action, target, details FROM audit.entry WHERE details->>'commandId' = $1`,
      [release.id],
    );
    expect(audit).toEqual([
      { action: 'filling.released', target: `scale:${scaleId}`, details: { tag: 'E200-GOOD', cylinderId: id, reason: null, commandId: release.id } },
    ]);
  });

  it.each([
    ['UNREGISTERED', 'E200-NONE', null],
    ['SCRAPPED', 'E200-SCRAP', { state: 'SCRAPPED' }],
    ['REPORTED_LOST', 'E200-LOST', { state: 'LOST', location_site_id: null }],
    ['INSPECTION_OVERDUE', 'E200-OVERDUE', { next_inspection_due: '2020-01-01' }],
    ['PAST_DESIGN_LIFE', 'E200-OLD', { manufactured_on: '2000-01-01' }],
    ['FOREIGN_OWNER', 'E200-FOREIGN', { owner_company: 'Other Gas' }],
    ['FIXED_TO_OTHER_STATION', 'E200-FIXED', { fixed_station_id: OTHER_STATION }],
  ] as const)('locks with %s', async (reason, tag, fields) => {
    const id = fields ? await cylinder(tag, fields) : null;
    expect(await read(tag)).toMatchObject({ action: 'LOCK', cylinderId: id, reason });
    expect(kind.twins.get(scaleId)?.interlock).toMatchObject({ state: 'LOCKED', tag, reason });
  });

  it('decides from the committed registry, not a copy: a scrap committed just before a read is honoured', async () => {
    const id = await cylinder('E200-LATE');
    expect(await read('E200-LATE')).toMatchObject({ action: 'RELEASE', cylinderId: id });
    await db.query(`UPDATE cylinders.cylinder SET state = 'SCRAPPED' WHERE id = $1`, [id]);
    expect(await read('E200-LATE')).toMatchObject({ action: 'LOCK', cylinderId: id, reason: 'SCRAPPED' });
  });

  it('decides a burst of reads of one tag once', async () => {
    await cylinder('E200-BURST');
    const before = sent.length;
    const at = presented();
    await Promise.all(
      [0, 1, 2].map((i) => pipeline.accept(message({ type: 'TAG_READ', tag: 'E200-BURST' }, { receivedAt: new Date(at.getTime() + i * 500) }))),
    );
    await kind.idle();
    expect(sent.slice(before).map((c) => (c.payload as { action: string }).action)).toEqual(['RELEASE']);
  });

  it('a fill the scale was released for is stored with its cylinder and locks the scale; a repeated message stores it once', async () => {
    await read('E200-GOOD');
    const id = cylinderIds.get('E200-GOOD')!;
    // QoS 1 redelivers the very message (same seq, same device time) when its PUBACK was lost.
    const filled = message({ type: 'FILL', tag: 'E200-GOOD', tareKg: 15, grossKg: 29.4, netKg: 14.4, operator: 'op-7' }, { receivedAt: presented() });
    expect(await pipeline.accept(filled)).toEqual({ stored: 1, duplicates: 0 });
    expect(await pipeline.accept({ ...filled, receivedAt: presented() })).toEqual({ stored: 0, duplicates: 1 });
    const rows = await db.query<{ cylinder_id: string; released: boolean; overfill: boolean; net_kg: number; operator: string }>(
      `SELECT cylinder_id, released, overfill, net_kg, operator FROM twins.scale_fill WHERE scale_id = $1 AND tag = 'E200-GOOD'`,
      [scaleId],
    );
    expect(rows).toEqual([{ cylinder_id: id, released: true, overfill: false, net_kg: 14.4, operator: 'op-7' }]);
    expect(kind.twins.get(scaleId)?.interlock).toMatchObject({ state: 'LOCKED', reason: 'FILLED', cylinderId: id });
    expect(kind.twins.get(scaleId)?.alarms).toEqual([]);
  });

  it('a fill without release raises SCALE_INTERLOCK_BYPASSED (CRITICAL), stored without a cylinder', async () => {
    await fill('E200-GOOD', 14);
    expect(kind.twins.get(scaleId)?.alarms).toMatchObject([{ code: 'SCALE_INTERLOCK_BYPASSED', severity: 'CRITICAL', state: 'ACTIVE' }]);
    const [alarm] = await db.query<{ asset_kind: string; site_id: string; state: string }>(
      `SELECT asset_kind, site_id::text, state FROM twins.alarm WHERE asset_id = $1 AND code = 'SCALE_INTERLOCK_BYPASSED'`,
      [scaleId],
    );
    expect(alarm).toEqual({ asset_kind: 'scale', site_id: STATION, state: 'ACTIVE' });
    const [row] = await db.query<{ cylinder_id: string | null; released: boolean; overfill: boolean }>(
      `SELECT cylinder_id, released, overfill FROM twins.scale_fill WHERE scale_id = $1 ORDER BY received_at DESC LIMIT 1`,
      [scaleId],
    );
    expect(row).toEqual({ cylinder_id: null, released: false, overfill: false });
  });

  it('an overfill raises CYLINDER_OVERFILL (MAJOR)', async () => {
    await cylinder('E200-OVER');
    await read('E200-OVER');
    await fill('E200-OVER', 15.1);
    expect(kind.twins.get(scaleId)?.alarms.map((a) => [a.code, a.severity])).toContainEqual(['CYLINDER_OVERFILL', 'MAJOR']);
    const [row] = await db.query<{ overfill: boolean }>(`SELECT overfill FROM twins.scale_fill WHERE tag = 'E200-OVER'`);
    expect(row).toEqual({ overfill: true });
  });

  it('refuses a cylinder this scale has just filled, though the registry still shows it empty', async () => {
    expect(await read('E200-OVER')).toMatchObject({ action: 'LOCK', reason: 'NOT_FILLABLE_NOW' });
  });
});
