import { notFound } from '@hearth/platform';
import { isUuid, type Queryable } from '@hearth/platform/db';
import type { MeterAlarmLevel, MeterKind, RelayState } from './meter.enums';

/**
 * A row of `metering.meter` as every area of the service reads it (charges, supply, statements
 * look meters up here rather than restating the columns).
 */
export interface MeterRow {
  id: string;
  kind: MeterKind;
  serial: string;
  name: string;
  siteId: string | null;
  customerId: string | null;
  /** The customer's wallet it is charged to; null while unbound. */
  accountId: string | null;
  tariffId: string | null;
  /** Protected now: the flag, and `protectedUntil` not yet passed. */
  supplyProtected: boolean;
  protectedReason: string | null;
  protectedUntil: Date | null;
  relayIntended: RelayState;
  alarmLevel: MeterAlarmLevel;
  replacedById: string | null;
  createdAt: Date;
}

/** The columns of `metering.meter` (aliased `m`) as a `MeterRow`. */
export const METER_COLUMNS = `m.id::text AS id, m.kind, m.serial, m.name, m.site_id::text AS "siteId", m.customer_id::text AS "customerId",
  m.account_id::text AS "accountId", m.tariff_id::text AS "tariffId",
  (m.supply_protected AND (m.protected_until IS NULL OR m.protected_until > now())) AS "supplyProtected",
  m.protected_reason AS "protectedReason", m.protected_until AS "protectedUntil", m.relay_intended AS "relayIntended",
  m.alarm_level AS "alarmLevel", m.replaced_by::text AS "replacedById", m.created_at AS "createdAt"`;

/** Whether supply is protected now, as SQL over `metering.meter m` (filters use it as `METER_COLUMNS` shows it). */
export const PROTECTED_NOW = `(m.supply_protected AND (m.protected_until IS NULL OR m.protected_until > now()))`;

/** The tenant's meters among `ids` (loaders and `_entities` batch into this), keyed as asked; other ids are left out. */
export async function metersByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, MeterRow>> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (valid.length === 0) return new Map();
  const rows = await q.query<MeterRow>(`SELECT ${METER_COLUMNS} FROM metering.meter m WHERE m.tenant_id = $1 AND m.id = ANY($2::uuid[])`, [tenantId, valid]);
  const found = new Map(rows.map((m) => [m.id, m]));
  return new Map(ids.flatMap((id) => (found.has(id.toLowerCase()) ? [[id, found.get(id.toLowerCase())!] as const] : [])));
}

/** One of the tenant's meters; null for any other id (another tenant's, a malformed one). */
export async function meterRow(q: Queryable, tenantId: string, meterId: string): Promise<MeterRow | null> {
  if (!isUuid(meterId)) return null;
  const [row] = await q.query<MeterRow>(`SELECT ${METER_COLUMNS} FROM metering.meter m WHERE m.tenant_id = $1 AND m.id = $2`, [tenantId, meterId]);
  return row ?? null;
}

/** The tenant's meter by its serial (address); null when none. */
export async function meterBySerial(q: Queryable, tenantId: string, serial: string): Promise<MeterRow | null> {
  const [row] = await q.query<MeterRow>(`SELECT ${METER_COLUMNS} FROM metering.meter m WHERE m.tenant_id = $1 AND m.serial = $2`, [tenantId, serial.trim()]);
  return row ?? null;
}

/**
 * One of the caller's meters, its row locked for the rest of the transaction (`FOR UPDATE`; `share`:
 * `FOR SHARE`, for a write that only needs it to stay as it is): NOT_FOUND for any other id.
 */
export async function lockMeter(tx: Queryable, tenantId: string, meterId: string, mode: 'update' | 'share' = 'update'): Promise<MeterRow> {
  const [row] = isUuid(meterId)
    ? await tx.query<MeterRow>(
        `SELECT ${METER_COLUMNS} FROM metering.meter m WHERE m.tenant_id = $1 AND m.id = $2 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
        [tenantId, meterId],
      )
    : [];
  if (!row) throw notFound('Meter', meterId);
  return row;
}
