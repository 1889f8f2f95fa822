import { randomUUID } from 'node:crypto';
import { fleetChannel } from '@hearth/broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUuid, type Database } from '@hearth/platform/db';
import { eventually } from '@hearth/testkit/eventually';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { DevicePlaces } from './device-places';

/**
 * Where each device of a kind stands, over a table of the test's own (`probe_places.device`), made
 * after the places start: nothing is known without it, an unknown device is looked up in the
 * background, and a fleet notice of the kind reads a device again.
 */
const TENANT = randomUUID();
const first = randomUUID();
const second = randomUUID();
let db: Database;
let places: DevicePlaces<{ tenantId: string; siteId: string }>;

beforeAll(async () => {
  db = await openTestDatabase();
  places = new DevicePlaces(db, {
    kind: 'meter',
    table: 'probe_places.device',
    columns: `id::text, tenant_id::text AS "tenantId", site_id::text AS "siteId"`,
    validId: isUuid,
    what: 'the device’s site',
  });
  await places.start();
}, 60_000);

afterAll(async () => {
  await places?.stop();
  await db?.close();
});

describe('device places', () => {
  it('knows no device, and owns none, while the table does not exist', async () => {
    expect(await places.owns(TENANT, first)).toBe(false);
    expect(places.placeOf(TENANT, first)).toBeUndefined();
    await places.idle();
  });

  it('learns a device its asset check reads, and only as the tenant’s', async () => {
    await db.query(`CREATE SCHEMA probe_places`);
    await db.query(`CREATE TABLE probe_places.device (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, site_id uuid NOT NULL)`);
    await db.query(
      `INSERT INTO probe_places.device VALUES ($1, $3, 'a0000000-0000-4000-8000-000000000001'), ($2, $3, 'a0000000-0000-4000-8000-000000000002')`,
      [first, second, TENANT],
    );
    expect(await places.owns(randomUUID(), first)).toBe(false);
    expect(await places.owns(TENANT, 'not-a-uuid')).toBe(false);
    expect(await places.owns(TENANT, first)).toBe(true);
    expect(places.placeOf(TENANT, first)).toEqual({ tenantId: TENANT, siteId: 'a0000000-0000-4000-8000-000000000001' });
    expect(places.placeOf(randomUUID(), first)).toBeUndefined();
  });

  it('looks up a device asked about before it was known, in the background', async () => {
    expect(places.placeOf(TENANT, second)).toBeUndefined();
    await places.idle();
    expect(places.placeOf(TENANT, second)?.siteId).toBe('a0000000-0000-4000-8000-000000000002');
  });

  it('reads a device again when the fleet says its binding changed, and forgets one gone', async () => {
    await db.query(`UPDATE probe_places.device SET site_id = 'a0000000-0000-4000-8000-000000000003' WHERE id = $1`, [first]);
    await db.query(`DELETE FROM probe_places.device WHERE id = $1`, [second]);
    // Another kind's notice is passed over.
    await db.query(`SELECT pg_notify($1, $2)`, [fleetChannel, JSON.stringify({ table: 'device', kind: 'pump', id: first })]);
    // The one gone first: once the other is read again, it was read too (one lookup after another).
    for (const id of [second, first]) await db.query(`SELECT pg_notify($1, $2)`, [fleetChannel, JSON.stringify({ table: 'device', kind: 'meter', id })]);
    await eventually('the device read again', () => places.placeOf(TENANT, first)?.siteId === 'a0000000-0000-4000-8000-000000000003' || undefined);
    expect(places.placeOf(TENANT, second)).toBeUndefined();
  });
});
