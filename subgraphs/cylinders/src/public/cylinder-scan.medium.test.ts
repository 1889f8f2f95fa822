import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, NO_TENANT_ID } from '@hearth/platform';
import { startCylindersTestService, type CylindersTestService } from '../cylinders-test-service';

/** The QR lookup, as the gateway sends an anonymous caller's request: no tenant, no scopes. */
let t: CylindersTestService;
let anonymous: Record<string, string>;
let station: string;

const SCAN = `query($tag: String!) { cylinderScan(tag: $tag) { tag serial specCode fillingStationName filledAt netKg nextInspectionDue inspectionValid designLifeEnds designLifeValid inService fitForUse } }`;

async function cylinder(tag: string, values: { state?: string; due?: string; made?: string; filled?: boolean; holder?: string } = {}) {
  const state = values.state ?? (values.holder ? 'AT_CUSTOMER' : 'FULL_STOCK');
  await t.db.query(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company,
       state, location_site_id, holder_customer_id, last_filled_at, last_fill_station_id, last_net_kg)
     VALUES ($1, $2, $2, 'YSP35.5', 'Acme', $3, 8, $4, 'HEARTH-GAS', $5, $6, $7, $8, $9, $10)`,
    [
      DEMO_TENANT_ID,
      tag,
      values.made ?? '2024-01-10',
      values.due ?? '2099-01-01',
      state,
      values.holder || state === 'LOST' ? null : station,
      values.holder ?? null,
      values.filled === false ? null : new Date('2026-12-01T08:00:00Z'),
      values.filled === false ? null : station,
      values.filled === false ? null : 14.8,
    ],
  );
}

beforeAll(async () => {
  t = await startCylindersTestService();
  anonymous = await t.as({ tenantId: NO_TENANT_ID, scopes: [], principal: { kind: 'service', id: 'anonymous' } });
  station = await t.site();
  await t.db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
     VALUES ($1, 'YSP35.5', 'YSP35.5 (15 kg)', 35.5, 15.5, 14.9, 0.3, 4, 8) ON CONFLICT DO NOTHING`,
    [DEMO_TENANT_ID],
  );
});
afterAll(() => t?.close());

describe('a cylinder’s QR code, scanned by anyone', () => {
  it('shows the filler, the fill and that it is fit for use — and nothing of who holds it', async () => {
    await cylinder('E2800001', { holder: '4f1c2d8e-0000-4000-8000-000000000001' });
    const res = await t.raw<{ cylinderScan: Record<string, unknown> }>(SCAN, { tag: 'E2800001' }, anonymous);
    expect(res.errors).toBeUndefined();
    expect(res.data?.cylinderScan).toMatchObject({
      tag: 'E2800001',
      specCode: 'YSP35.5',
      fillingStationName: expect.stringMatching(/^Site S-/),
      filledAt: '2026-12-01T08:00:00.000Z',
      netKg: 14.8,
      inspectionValid: true,
      designLifeValid: true,
      fitForUse: true,
    });
    // These fields and no others: none names or locates the person who holds it.
    const fields = await t.raw<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "CylinderScanResult") { fields { name } } }`, {}, anonymous);
    expect(fields.data?.__type.fields.map((f) => f.name).sort()).toEqual(
      [
        'tag',
        'serial',
        'specCode',
        'specName',
        'ownerCompany',
        'fillingStationName',
        'filledAt',
        'netKg',
        'nextInspectionDue',
        'inspectionValid',
        'designLifeEnds',
        'designLifeValid',
        'inService',
        'fitForUse',
      ].sort(),
    );
  });

  it('says when it must not be accepted: overdue, past its design life, scrapped or lost', async () => {
    await cylinder('E2800002', { due: '2020-01-01' });
    await cylinder('E2800003', { made: '2010-01-01' });
    await cylinder('E2800004', { state: 'SCRAPPED' });
    await cylinder('E2800005', { state: 'LOST', filled: false });
    const verdict = async (tag: string) => (await t.data<{ cylinderScan: Record<string, unknown> }>(SCAN, { tag }, anonymous)).cylinderScan;
    expect(await verdict('E2800002')).toMatchObject({ inspectionValid: false, fitForUse: false });
    expect(await verdict('E2800003')).toMatchObject({ designLifeValid: false, fitForUse: false, designLifeEnds: '2017-12-31' });
    expect(await verdict('E2800004')).toMatchObject({ inService: false, fitForUse: false });
    expect(await verdict('E2800005')).toMatchObject({ inService: false, filledAt: null, fillingStationName: null });
  });

  it('answers null for a tag no one registered, and refuses a malformed one', async () => {
    expect((await t.data<{ cylinderScan: unknown }>(SCAN, { tag: 'NOT-A-TAG' }, anonymous)).cylinderScan).toBeNull();
    const res = await t.raw(SCAN, { tag: 'ab' }, anonymous);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
