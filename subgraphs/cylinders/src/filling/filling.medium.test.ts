import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import { loadMigrations, migrate } from '@hearth/platform/db';
import { undocumented } from '@hearth/testkit/schema-documentation';
import { testContext } from '@hearth/testkit/signed-context';
import { startCylindersTestService, type CylindersTestService } from '../cylinders-test-service';
import { startCylindersService, type RunningCylindersService } from '../index';
import { buildCylindersSchema } from '../schema';
import { createCylinder, createScaleFillTable, createStation, insertScaleFill } from './filling-test-data';

/**
 * The filling area against the embedded database: fills the scales store in `twins.scale_fill`
 * become fill records and FILL moves, once each, across a restart; orders, totals and the tank
 * reconciliation over them.
 */
let t: CylindersTestService;
let restarted: RunningCylindersService | undefined;
let station: string;
const tank = randomUUID();

const intake = () => (restarted ?? t.service).services.filling.service.intake.run();
const records = (where = 'true', params: unknown[] = []) =>
  t.db.query<{ id: string; cylinder_id: string | null; refusal: string | null; filling_order_id: string | null; station_id: string }>(
    `SELECT id::text, cylinder_id::text, refusal, filling_order_id::text, station_id::text FROM cylinders.fill_record WHERE ${where}`,
    params,
  );
const events = (cylinderId: string) =>
  t.db.query<{ event: string; to_state: string; device_id: string; ref: string; details: { reason?: string } }>(
    `SELECT event, to_state, device_id, ref, details FROM cylinders.cylinder_event WHERE cylinder_id = $1 ORDER BY at, event`,
    [cylinderId],
  );

beforeAll(async () => {
  t = await startCylindersTestService();
  station = await t.site();
  await createStation(t.db, station, tank);
});
afterAll(async () => {
  if (!restarted) return t?.close();
  // The first service was closed by the restart.
  await restarted.close();
  await t.db.close();
});

it('describes every type, field and argument of the filling schema', async () => {
  const schema = await buildCylindersSchema(t.service.services);
  expect(undocumented(schema).filter((name) => /fill/i.test(name))).toEqual([]);
});

describe('fill intake', () => {
  it('waits quietly while the scales’ table does not exist', async () => {
    await expect(intake()).resolves.toBeUndefined();
    await createScaleFillTable(t.db);
  });

  it('records a fill once and moves its cylinder to FILLED with the fill as its last, however often it is read', async () => {
    const cylinder = await createCylinder(t.db, station);
    const fill = await insertScaleFill(t.db, { tag: cylinder.tag, cylinderId: cylinder.id, netKg: 14.6 });
    await intake();
    await intake(); // read again within the look-back window
    expect(await records('id = $1', [fill])).toEqual([{ id: fill, cylinder_id: cylinder.id, refusal: null, filling_order_id: null, station_id: station }]);
    const [row] = await t.db.query(`SELECT state, last_fill_id::text, last_net_kg, last_fill_station_id::text FROM cylinders.cylinder WHERE id = $1`, [
      cylinder.id,
    ]);
    expect(row).toEqual({ state: 'FILLED', last_fill_id: fill, last_net_kg: 14.6, last_fill_station_id: station });
    expect(await events(cylinder.id)).toEqual([expect.objectContaining({ event: 'FILL', to_state: 'FILLED', device_id: 'scale-1', ref: `fill:${fill}` })]);
  });

  it('records a bypassed fill of a scrapped cylinder with the refusal and a FILL_REFUSED event, and takes in the fills after it', async () => {
    const scrapped = await createCylinder(t.db, station, 'SCRAPPED');
    const good = await createCylinder(t.db, station);
    const bad = await insertScaleFill(t.db, { tag: scrapped.tag, released: false });
    const next = await insertScaleFill(t.db, { tag: good.tag });
    const unknown = await insertScaleFill(t.db, { tag: 'E280-NOT-REGISTERED' });
    await intake();
    const [refused] = await records('id = $1', [bad]);
    expect(refused).toMatchObject({ cylinder_id: scrapped.id, refusal: expect.stringContaining('scrapped') });
    expect(await events(scrapped.id)).toEqual([
      expect.objectContaining({
        event: 'FILL_REFUSED',
        to_state: 'SCRAPPED',
        ref: `fill:${bad}`,
        details: expect.objectContaining({ reason: refused!.refusal }),
      }),
    ]);
    const [state] = await t.db.query<{ state: string }>(`SELECT state FROM cylinders.cylinder WHERE id = $1`, [good.id]);
    expect(state!.state).toBe('FILLED');
    expect(await records('id = ANY($1::uuid[])', [[next, unknown]])).toHaveLength(2);
    expect((await records('id = $1', [unknown]))[0]!.refusal).toBe('No registered cylinder carries this tag');
  });

  it('leaves a fill that cannot be recorded to the next run, without holding up the fills after it', async () => {
    await t.db.exec(`CREATE FUNCTION cylinders.test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.tag = 'E280-POISON' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_poison BEFORE INSERT ON cylinders.fill_record FOR EACH ROW EXECUTE FUNCTION cylinders.test_poison();`);
    const poison = await insertScaleFill(t.db, { tag: 'E280-POISON' });
    const after = await insertScaleFill(t.db, { tag: (await createCylinder(t.db, station)).tag });
    await intake();
    expect(await records('id = $1', [poison])).toEqual([]);
    expect(await records('id = $1', [after])).toHaveLength(1);
    const [cursor] = await t.db.query<{ fill_id: string }>(`SELECT fill_id::text FROM cylinders.fill_intake_cursor`);
    expect(cursor!.fill_id).not.toBe(after);
    await t.db.exec(`DROP TRIGGER test_poison ON cylinders.fill_record; DROP FUNCTION cylinders.test_poison();`);
    await intake();
    expect(await records('id = $1', [poison])).toHaveLength(1);
  });
});

describe('filling orders', () => {
  let order: string;
  let spec: string;

  it('attaches each fill to the open order of its station and spec, and totals them', async () => {
    const { openFillingOrder } = await t.data<{ openFillingOrder: { id: string; shift: string; openedAt: string } }>(
      `mutation($s: ID!) { openFillingOrder(input: { stationId: $s, shiftDate: "2026-12-07", shift: "DAY", team: "甲班", specCode: "YSP35.5", plannedCount: 400 }) { id shift openedAt } }`,
      { s: station },
    );
    order = openFillingOrder.id;
    spec = 'YSP35.5';
    const conflict = await t.raw(
      `mutation($s: ID!) { openFillingOrder(input: { stationId: $s, shiftDate: "2026-12-07", shift: "DAY", specCode: "YSP35.5" }) { id } }`,
      { s: station },
    );
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Opened on the record, once (the refused second one is not).
    expect(await t.db.query(`SELECT action FROM audit.entry WHERE target = $1`, [`filling-order:${order}`])).toEqual([{ action: 'filling-order.opened' }]);
    const a = await createCylinder(t.db, station);
    const b = await createCylinder(t.db, station);
    const fills = [await insertScaleFill(t.db, { tag: a.tag, netKg: 14.8 }), await insertScaleFill(t.db, { tag: b.tag, netKg: 15.5, released: false })];
    await intake();
    expect((await records('id = ANY($1::uuid[])', [fills])).map((r) => r.filling_order_id)).toEqual([order, order]);
    const { fillingOrders } = await t.data<{ fillingOrders: { totalCount: number; edges: { node: { id: string; specCode: string; totals: object } }[] } }>(
      `query($s: ID) { fillingOrders(filter: { stationId: $s, open: true }) { totalCount edges { node { id specCode totals { fills netKg overfills bypasses refused } } } } }`,
      { s: station },
    );
    expect(fillingOrders.edges).toEqual([{ node: { id: order, specCode: spec, totals: { fills: 2, netKg: 30.3, overfills: 1, bypasses: 1, refused: 0 } } }]);
  });

  it('totals a station’s day by shift, spec and scale, and lists fill records a page at a time', async () => {
    const { fillingShiftTotals } = await t.data<{
      fillingShiftTotals: { shift: string | null; specCode: string | null; scaleId: string; totals: { fills: number } }[];
    }>(`query($s: ID!) { fillingShiftTotals(stationId: $s, day: "2026-12-07") { shift specCode scaleId totals { fills netKg } } }`, { s: station });
    expect(fillingShiftTotals[0]).toMatchObject({ shift: 'DAY', specCode: 'YSP35.5', scaleId: 'scale-1', totals: { fills: 2 } });
    const page = (after: string | null) =>
      t.data<{ fillRecords: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; edges: { node: { id: string } }[] } }>(
        `query($s: ID, $a: String) { fillRecords(filter: { stationId: $s }, first: 3, after: $a) { totalCount pageInfo { endCursor hasNextPage } edges { node { id netKg refusal } } } }`,
        { s: station, a: after },
      );
    const first = await page(null);
    const second = await page(first.fillRecords.pageInfo.endCursor);
    const ids = [...first.fillRecords.edges, ...second.fillRecords.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.fillRecords.pageInfo.hasNextPage).toBe(true);
  });

  it('reconciles the order’s kg filled with its source tank’s outflow; unknown until the tank has readings', async () => {
    const query = `query { fillingOrders(filter: { open: false }) { edges { node { id reconciliation { filledKg tankOutflowKg varianceKg variancePercent exceeded } } } } }`;
    await t.data(`mutation($id: ID!) { closeFillingOrder(id: $id) { closedAt } }`, { id: order });
    expect(await t.db.query(`SELECT action FROM audit.entry WHERE target = $1 ORDER BY at`, [`filling-order:${order}`])).toEqual([
      { action: 'filling-order.opened' },
      { action: 'filling-order.closed' },
    ]);
    const unknown = await t.data<{ fillingOrders: { edges: { node: { reconciliation: object } }[] } }>(query);
    expect(unknown.fillingOrders.edges[0]!.node.reconciliation).toEqual({
      filledKg: 30.3,
      tankOutflowKg: null,
      varianceKg: null,
      variancePercent: null,
      exceeded: null,
    });

    await migrate(t.db, 'twins', await loadMigrations(new URL('../../../../twins/src/migrations/', import.meta.url)));
    const [o] = await t.db.query<{ opened_at: Date; closed_at: Date }>(`SELECT opened_at, closed_at FROM cylinders.filling_order WHERE id = $1`, [order]);
    const sample = (at: Date, massKg: number) =>
      t.db.query(`INSERT INTO twins.tank_sample (time, tenant_id, tank_id, mass_kg, received_at) VALUES ($1, $2, $3, $4, now())`, [
        at,
        DEMO_TENANT_ID,
        tank,
        massKg,
      ]);
    await sample(new Date(o!.opened_at.getTime() - 1_000), 10_000);
    await sample(new Date(o!.closed_at.getTime() - 1), 10_000 - 30.3 - 5);
    const known = await t.data<{ fillingOrders: { edges: { node: { reconciliation: Record<string, number | boolean> } }[] } }>(query);
    const r = known.fillingOrders.edges[0]!.node.reconciliation;
    expect(r.tankOutflowKg).toBeCloseTo(35.3, 6);
    expect(r.varianceKg).toBeCloseTo(5, 6);
    expect(r.exceeded).toBe(false);

    // A period over which the tank lost far more than the scales weighed.
    const { fillingReconciliation } = await t.data<{ fillingReconciliation: { filledKg: number; varianceKg: number; exceeded: boolean } }>(
      `query($s: ID!, $from: DateTime!, $to: DateTime!) { fillingReconciliation(stationId: $s, from: $from, to: $to) { filledKg varianceKg exceeded } }`,
      { s: station, from: o!.opened_at.toISOString(), to: new Date(o!.closed_at.getTime() + 1_000).toISOString() },
    );
    expect(fillingReconciliation).toEqual({ filledKg: 30.3, varianceKg: expect.closeTo(5, 6), exceeded: false });
    await sample(new Date(o!.closed_at.getTime() + 500), 9_000);
    const big = await t.data<{ fillingReconciliation: { varianceKg: number; exceeded: boolean } }>(
      `query($s: ID!, $from: DateTime!, $to: DateTime!) { fillingReconciliation(stationId: $s, from: $from, to: $to) { varianceKg exceeded } }`,
      { s: station, from: o!.opened_at.toISOString(), to: new Date(o!.closed_at.getTime() + 1_000).toISOString() },
    );
    expect(big.fillingReconciliation).toEqual({ varianceKg: expect.closeTo(1_000 - 30.3, 6), exceeded: true });
  });
});

describe('across a restart', () => {
  it('keeps its cursor and catches up on fills stored while it was down, recording none twice', async () => {
    const before = (await records()).length;
    await t.service.close();
    const cylinder = await createCylinder(t.db, station);
    const whileDown = await insertScaleFill(t.db, { tag: cylinder.tag });
    // The same database, a new process: its start-up run catches up.
    restarted = await startCylindersService({
      db: t.db,
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('cylinders-test', 'silent'),
      contextVerifier: testContext.verifier,
    });
    expect(await records()).toHaveLength(before + 1);
    expect(await records('id = $1', [whileDown])).toHaveLength(1);
    const [cursor] = await t.db.query<{ fill_id: string }>(`SELECT fill_id::text FROM cylinders.fill_intake_cursor`);
    expect(cursor!.fill_id).toBe(whileDown);
  });
});
