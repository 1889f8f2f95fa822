import { timeKeySql, type Queryable } from '@hearth/platform/db';

/**
 * The one module of the customers service that reads the twins service's tables, as a contract
 * (their migrations are its definition; no twins code is imported, and nothing here writes):
 * - `twins.alarm (id, tenant_id, asset_kind, asset_id, severity, value, raised_at, site_id)`: a
 *   detector's alarm has `asset_kind = 'detector'`, `asset_id` the detector id, `value` its % LEL,
 *   `site_id` the site it stands at (twins migration 0015);
 * - `twins.detector_config (tenant_id, detector_id, valve_id)` (detector migration 0001) and
 *   `twins.valve_reading (tenant_id, valve_id, time, open)` (valve migration 0001): the last
 *   position the detector's shut-off valve reported. Optional: without them the position is unknown.
 * The twins service may migrate after this one starts: until `twins.alarm` exists there is nothing to read.
 */
export interface DetectorAlarm {
  id: string;
  tenantId: string;
  detectorId: string;
  lelPercent: number | null;
  raisedAt: Date;
  /** `raised_at` to the microsecond, as the cursor keeps it. */
  raisedKey: string;
  /** The customer whose premises is the alarm's site (the earliest recorded, when several share it); null: none. */
  customerId: string | null;
  /** An order was already opened for it. */
  handled: boolean;
  valveOpen: boolean | null;
}

/** Which of the tables above exist now. */
export async function twinsTablesPresent(db: Queryable): Promise<{ alarms: boolean; valves: boolean }> {
  const [row] = await db.query<{ alarms: boolean; valves: boolean }>(
    `SELECT to_regclass('twins.alarm') IS NOT NULL AS alarms,
            to_regclass('twins.detector_config') IS NOT NULL AND to_regclass('twins.valve_reading') IS NOT NULL AS valves`,
  );
  return row ?? { alarms: false, valves: false };
}

const VALVE = `LEFT JOIN LATERAL (
    SELECT r.open FROM twins.detector_config d JOIN twins.valve_reading r ON r.tenant_id = d.tenant_id AND r.valve_id = d.valve_id
     WHERE d.tenant_id = a.tenant_id AND d.detector_id = a.asset_id AND r.open IS NOT NULL ORDER BY r.time DESC LIMIT 1) v ON true`;

/**
 * Up to `limit` CRITICAL detector alarms with a site, after `(raisedAt, id)`, in that order. Per
 * tenant that has customers with premises (a loose index scan of the customers' premises index),
 * each tenant's alarms read from twins' (tenant_id, raised_at) index: no scan of every alarm.
 */
export function criticalDetectorAlarms(db: Queryable, after: [string, string], limit: number, withValves: boolean): Promise<DetectorAlarm[]> {
  return db.query<DetectorAlarm>(
    `WITH RECURSIVE tenants(id) AS (
       (SELECT tenant_id FROM customers.customer WHERE premises_site_id IS NOT NULL ORDER BY tenant_id LIMIT 1)
       UNION ALL
       SELECT (SELECT c.tenant_id FROM customers.customer c WHERE c.premises_site_id IS NOT NULL AND c.tenant_id > t.id ORDER BY c.tenant_id LIMIT 1)
         FROM tenants t WHERE t.id IS NOT NULL)
     SELECT a.id::text, a.tenant_id::text AS "tenantId", a.asset_id AS "detectorId", a.value AS "lelPercent", a.raised_at AS "raisedAt",
            ${timeKeySql('a.raised_at')} AS "raisedKey", c.id::text AS "customerId",
            EXISTS (SELECT 1 FROM customers.service_order o WHERE o.source_alarm_id = a.id) AS handled,
            ${withValves ? 'v.open' : 'NULL::boolean'} AS "valveOpen"
       FROM tenants t
       CROSS JOIN LATERAL (
         SELECT * FROM twins.alarm a
          WHERE a.tenant_id = t.id AND a.raised_at >= $1::timestamptz AND (a.raised_at, a.id) > ($1::timestamptz, $2::uuid)
            AND a.asset_kind = 'detector' AND a.severity = 'CRITICAL' AND a.site_id IS NOT NULL
          ORDER BY a.raised_at, a.id LIMIT $3) a
       LEFT JOIN LATERAL (
         SELECT c.id FROM customers.customer c WHERE c.tenant_id = a.tenant_id AND c.premises_site_id = a.site_id ORDER BY c.created_at, c.id LIMIT 1) c ON true
       ${withValves ? VALVE : ''}
      WHERE t.id IS NOT NULL
      ORDER BY a.raised_at, a.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}
