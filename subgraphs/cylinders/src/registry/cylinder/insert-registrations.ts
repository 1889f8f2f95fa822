import { actorOf, type CallerContext } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';
import { appendCylinderEvents } from '../../lifecycle/move-cylinders';
import type { Registration } from './registration-check';

/**
 * Inserts checked registrations as REGISTERED cylinders at their sites, and one REGISTER event
 * each: two statements however many rows (unnest), in the caller's transaction. Returns the ids in
 * the rows' order.
 */
export async function insertRegistrations(tx: Queryable, by: CallerContext, rows: readonly Registration[], ref: string | null): Promise<string[]> {
  const col = <T>(f: (r: Registration) => T) => rows.map((r) => f(r) ?? null);
  const inserted = await tx.query<{ id: string; site: string }>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, last_inspected_on,
                                     next_inspection_due, owner_company, fixed_station_id, location_site_id, state)
     SELECT $1, serial, tag, spec, maker, made, life, inspected, due, owner, fixed, site, 'REGISTERED'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::int[], $8::date[], $9::date[], $10::text[], $11::uuid[], $12::uuid[])
         WITH ORDINALITY AS r(serial, tag, spec, maker, made, life, inspected, due, owner, fixed, site, n)
      ORDER BY n
     RETURNING id::text, location_site_id::text AS site`,
    [
      by.tenantId,
      col((r) => r.serial),
      col((r) => r.tag),
      col((r) => r.specCode),
      col((r) => r.manufacturer),
      col((r) => r.manufacturedOn),
      col((r) => r.designLifeYears),
      col((r) => r.lastInspectedOn),
      col((r) => r.nextInspectionDue),
      col((r) => r.ownerCompany),
      col((r) => r.fixedStationId),
      col((r) => r.locationSiteId),
    ],
  );
  const at = new Date();
  const actor = actorOf(by);
  await appendCylinderEvents(
    tx,
    inserted.map((r) => ({
      tenantId: by.tenantId,
      cylinderId: r.id,
      at,
      event: 'REGISTER',
      from: null,
      to: 'REGISTERED',
      siteId: r.site,
      deviceId: null,
      actor,
      ref,
      details: {},
    })),
  );
  return inserted.map((r) => r.id);
}
