import { actorOf, HearthError, type CallerContext } from '@hearth/platform';
import { auditChange, changedFields } from '@hearth/platform/audit';
import { isUniqueViolation, isUuid, queryableOf } from '@hearth/platform/db';
import { definedFields, validateInput } from '@hearth/platform/graphql';
import { notFound } from '@hearth/platform';
import { appendCylinderEvents } from '../../lifecycle/move-cylinders';
import type { RegistryDeps } from '../registry-deps';
import { updateCylinderSchema, type UpdateCylinderInput } from './cylinder.input';
import { addYears } from '@hearth/platform/domain';

interface Facts {
  tag: string;
  ownerCompany: string;
  fixedStationId: string | null;
  manufacturer: string;
  lastInspectedOn: string | null;
  nextInspectionDue: string;
}

/**
 * Corrects a cylinder's registry facts (tag, owner, fixed station, maker, inspection dates), never
 * its place in life: audited as `cylinder.updated` and logged as an UPDATE event with what changed.
 * A new last inspection without a next due date sets it from the spec's interval.
 */
export async function updateCylinder(deps: RegistryDeps, by: CallerContext, id: string, input: UpdateCylinderInput): Promise<void> {
  const v = validateInput(updateCylinderSchema, input);
  if (!isUuid(id)) throw notFound('Cylinder', id);
  try {
    await deps.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [row] = await tx.query<Facts & { state: string; site: string | null; interval: number; manufacturedOn: string }>(
        `SELECT c.tag, c.owner_company AS "ownerCompany", c.fixed_station_id::text AS "fixedStationId", c.manufacturer,
                c.last_inspected_on::text AS "lastInspectedOn", c.next_inspection_due::text AS "nextInspectionDue", c.state,
                c.location_site_id::text AS site, s.inspection_interval_years AS interval, c.manufactured_on::text AS "manufacturedOn"
           FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
          WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c`,
        [by.tenantId, id],
      );
      if (!row) throw notFound('Cylinder', id);
      if (v.fixedStationId) {
        const [station] = await tx.query(`SELECT 1 FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2`, [by.tenantId, v.fixedStationId]);
        if (!station) throw notFound('FillingStation', v.fixedStationId);
      }
      const before: Facts = { ...row };
      const after: Facts = { ...before, ...definedFields(v) };
      if (v.lastInspectedOn && v.nextInspectionDue === undefined) after.nextInspectionDue = addYears(v.lastInspectedOn, row.interval);
      if (after.lastInspectedOn && after.lastInspectedOn < row.manufacturedOn) {
        throw new HearthError('BAD_USER_INPUT', 'The last inspection cannot precede manufacture.', {
          fields: [{ field: 'lastInspectedOn', message: 'before the manufacture date' }],
        });
      }
      const changed = changedFields({ ...before }, { ...after });
      if (!changed) return;
      await tx.query(
        `UPDATE cylinders.cylinder SET tag = $3, owner_company = $4, fixed_station_id = $5, manufacturer = $6, last_inspected_on = $7, next_inspection_due = $8, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [by.tenantId, id, after.tag, after.ownerCompany, after.fixedStationId, after.manufacturer, after.lastInspectedOn, after.nextInspectionDue],
      );
      await auditChange(em, by, 'cylinders', 'cylinder.updated', `cylinder:${id}`, changed);
      await appendCylinderEvents(tx, [
        {
          tenantId: by.tenantId,
          cylinderId: id,
          at: new Date(),
          event: 'UPDATE',
          from: row.state,
          to: row.state,
          siteId: row.site,
          deviceId: null,
          actor: actorOf(by),
          ref: null,
          details: changed,
        },
      ]);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new HearthError('CONFLICT', `Tag ${v.tag} is already on another cylinder.`, { field: 'tag' });
    }
    throw err;
  }
}
