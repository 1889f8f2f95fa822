import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { startServiceCentreTestService, type ServiceCentreTestService } from '../service-centre-test-service';

/**
 * A CRITICAL gas alarm at a customer's premises opens a GAS_SMELL order by itself, once, across a
 * restart. The twins schema is made by the twins service's own migrations (core, detector, valve),
 * under the module names the twins service applies them as, after the customers service started.
 */
let t: ServiceCentreTestService;
let premises: string;
let customer: string;

const TWINS = new URL('../../../../../twins/src/', import.meta.url);
async function migrateTwins(db: Database) {
  await migrate(db, 'twins', await loadMigrations(new URL('migrations/', TWINS)));
  for (const kind of ['detector', 'valve']) await migrate(db, `twins.${kind}`, await loadMigrations(new URL(`kinds/${kind}/migrations/`, TWINS)));
}

/** An alarm row as the twins service writes it (one open alarm per detector and code: each test alarm has a detector of its own). */
async function raise(alarm: { detectorId: string; code?: string; severity?: string; siteId?: string; value?: number; raisedAt?: Date }) {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO twins.alarm (id, tenant_id, asset_kind, asset_id, code, severity, state, message, value, raised_at, site_id)
     VALUES ($1, $2, 'detector', $3, $4, $5, 'ACTIVE', 'Gas above an alarm level', $6, $7, $8)`,
    [
      id,
      DEMO_TENANT_ID,
      alarm.detectorId,
      alarm.code ?? 'GAS_LEL_HIGH_HIGH',
      alarm.severity ?? 'CRITICAL',
      alarm.value ?? 62,
      alarm.raisedAt ?? new Date(),
      alarm.siteId ?? premises,
    ],
  );
  return id;
}

const ordersOfAlarms = () =>
  t.db.query<{
    source_alarm_id: string;
    customer_id: string;
    type: string;
    detector_id: string;
    lel_percent: number;
    valve_open: boolean | null;
    reported_at: Date;
  }>(
    'SELECT source_alarm_id::text, customer_id::text, type, detector_id, lel_percent, valve_open, reported_at FROM customers.service_order WHERE source_alarm_id IS NOT NULL',
  );
const intake = () => t.service.services.serviceCentre.alarmIntake.run();

beforeAll(async () => {
  // The customers service first, on a database the twins service has not migrated yet.
  t = await startServiceCentreTestService();
  premises = await t.site();
  const { createCustomer } = await t.data<{ createCustomer: { id: string } }>(
    `mutation($p: ID) { createCustomer(input: { type: COMMERCIAL, name: "周记面馆", phones: ["13800001111"], supplyAddress: "3 Market Street", premisesSiteId: $p }) { id } }`,
    { p: premises },
  );
  customer = createCustomer.id;
});
afterAll(() => t?.close());

describe('gas-leak alarm intake', () => {
  it('waits quietly while the twins tables do not exist', async () => {
    await expect(intake()).resolves.toBeUndefined();
    expect(await ordersOfAlarms()).toEqual([]);
  });

  it('opens one GAS_SMELL order for a CRITICAL detector alarm at a customer’s premises, with the reading and the valve, clock from the alarm', async () => {
    await migrateTwins(t.db);
    await t.db.query(
      `INSERT INTO twins.detector_config (tenant_id, detector_id, first_lel, second_lel, industrial, valve_id, updated_by, site_id)
      VALUES ($1, 'det-kitchen', 20, 50, false, 'valve-kitchen', 'test', $2)`,
      [DEMO_TENANT_ID, premises],
    );
    await t.db.query(
      `INSERT INTO twins.valve_reading (time, tenant_id, valve_id, open, received_at) VALUES (now() - interval '1 minute', $1, 'valve-kitchen', true, now()),
      (now(), $1, 'valve-kitchen', false, now())`,
      [DEMO_TENANT_ID],
    );
    const raisedAt = new Date(Date.now() - 60_000);
    const alarm = await raise({ detectorId: 'det-kitchen', raisedAt });
    // Not for a MAJOR alarm, nor for one where no customer lives.
    await raise({ detectorId: 'det-kitchen', code: 'GAS_LEL_HIGH', severity: 'MAJOR' });
    await raise({ detectorId: 'det-depot', siteId: await t.site() });
    await intake();
    const orders = await ordersOfAlarms();
    expect(orders).toEqual([
      {
        source_alarm_id: alarm,
        customer_id: customer,
        type: 'GAS_SMELL',
        detector_id: 'det-kitchen',
        lel_percent: 62,
        valve_open: false,
        reported_at: raisedAt,
      },
    ]);
    const { customer: c } = await t.data<{
      customer: { serviceOrders: { edges: { node: { type: string; reportedAt: string; deadline: string; address: string; phone: string; notes: string } }[] } };
    }>(`query($id: ID!) { customer(id: $id) { serviceOrders { edges { node { type reportedAt deadline address phone notes } } } } }`, { id: customer });
    expect(c.serviceOrders.edges[0]!.node).toMatchObject({
      type: 'GAS_SMELL',
      reportedAt: raisedAt.toISOString(),
      deadline: new Date(raisedAt.getTime() + 30 * 60_000).toISOString(),
      address: '3 Market Street',
      phone: '138****1111',
    });
    expect(c.serviceOrders.edges[0]!.node.notes).toContain('62 % LEL; valve reported closed');
  });

  it('opens no second order for the same alarm, again or after a restart, and catches up on alarms raised while it was down', async () => {
    await intake();
    expect(await ordersOfAlarms()).toHaveLength(1);
    await t.service.close();
    const whileDown = await raise({ detectorId: 'det-hall' });
    // The same database, a new process: its start-up run catches up (startServiceCentreTestService waits for it).
    t = await startServiceCentreTestService({ db: t.db, clock: t.clock });
    await intake();
    const orders = await ordersOfAlarms();
    expect(orders.map((o) => o.source_alarm_id).sort()).toHaveLength(2);
    expect(orders.map((o) => o.source_alarm_id)).toContain(whileDown);
    const [cursor] = await t.db.query<{ alarm_id: string }>(`SELECT alarm_id::text FROM customers.alarm_intake_cursor`);
    expect(cursor!.alarm_id).not.toBe('00000000-0000-0000-0000-000000000000');
  });

  it('catches an alarm that reached the database late, raised before alarms already read', async () => {
    const late = await raise({ detectorId: 'det-boiler', raisedAt: new Date(Date.now() - 3_600_000) });
    await intake();
    expect((await ordersOfAlarms()).map((o) => o.source_alarm_id)).toContain(late);
  });
});
