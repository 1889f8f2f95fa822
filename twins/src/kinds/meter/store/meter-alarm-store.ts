import { randomUUID } from 'node:crypto';
import type { Queryable } from '@hearth/platform/db';
import type { OpenAlarm } from '../../../model/alarm';
import { saveAlarmChanges, type AssetAlarmChange } from '../../../store/alarm-store';
import { meterAlarmRules, type MeterAlarmCode } from '../model/meter-alarms';

/** A meter, as its alarms name it. */
export interface MeterRef {
  tenantId: string;
  meterId: string;
  siteId: string | null;
}

/**
 * A meter's alarms are written in transactions of the kind's own (not a batch of twins): the
 * metering service's decisions and what the relay did raise and clear them, and the alarm centre
 * keeps them. Each function writes its changes in `tx` and returns them, for `alarmChanged` once
 * committed. A condition is raised only when none of its code is open (one open alarm per asset
 * and code), and cleared only when one is.
 */
export async function raiseMeterAlarm(tx: Queryable, meter: MeterRef, code: MeterAlarmCode, at: Date, detail?: string, value: number | null = null) {
  const [open] = await openAlarms(tx, meter, [code]);
  if (open) return [];
  const alarm = newAlarm(code, at, detail, value);
  const changes: AssetAlarmChange[] = [{ ...asset(meter), change: { kind: 'raised', alarm } }];
  await saveAlarmChanges(tx, changes);
  return changes;
}

/** An event (METER_BALANCE_LOW): raised already returned to normal, it waits for an operator's acknowledgement and clears nothing. */
export async function raiseMeterEvent(tx: Queryable, meter: MeterRef, code: MeterAlarmCode, at: Date, detail?: string, value: number | null = null) {
  const alarm = newAlarm(code, at, detail, value);
  const changes: AssetAlarmChange[] = [
    { ...asset(meter), change: { kind: 'raised', alarm } },
    { ...asset(meter), change: { kind: 'cleared', alarm, at } },
  ];
  await saveAlarmChanges(tx, changes);
  return changes;
}

/** Clears the meter's open alarms of these codes. */
export async function clearMeterAlarms(tx: Queryable, meter: MeterRef, codes: readonly MeterAlarmCode[], at: Date): Promise<AssetAlarmChange[]> {
  const open = await openAlarms(tx, meter, codes);
  const changes: AssetAlarmChange[] = open.map((alarm) => ({ ...asset(meter), change: { kind: 'cleared', alarm, at } }));
  await saveAlarmChanges(tx, changes);
  return changes;
}

/** The open (not cleared) alarms of every meter with one of these codes: `${meterId} ${code}`, read at start. */
export async function openMeterAlarmKeys(db: Queryable, codes: readonly MeterAlarmCode[]): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT asset_id || ' ' || code AS key FROM twins.alarm WHERE asset_kind = 'meter' AND cleared_at IS NULL AND code = ANY($1::text[])`,
    [codes],
  );
  return new Set(rows.map((r) => r.key));
}

async function openAlarms(tx: Queryable, meter: MeterRef, codes: readonly MeterAlarmCode[]): Promise<OpenAlarm[]> {
  return tx.query<OpenAlarm>(
    `SELECT id::text, code, severity, state, message, value, raised_at AS "raisedAt", acknowledged_at AS "acknowledgedAt",
            acknowledged_by AS "acknowledgedBy", acknowledgement_comment AS "acknowledgementComment"
       FROM twins.alarm WHERE tenant_id = $1 AND asset_kind = 'meter' AND asset_id = $2 AND code = ANY($3::text[]) AND cleared_at IS NULL
       FOR UPDATE`,
    [meter.tenantId, meter.meterId, codes],
  );
}

const asset = (meter: MeterRef) => ({ tenantId: meter.tenantId, assetKind: 'meter' as const, assetId: meter.meterId, siteId: meter.siteId });

const newAlarm = (code: MeterAlarmCode, at: Date, detail: string | undefined, value: number | null): OpenAlarm => ({
  id: randomUUID(),
  code,
  severity: meterAlarmRules[code].severity,
  state: 'ACTIVE',
  message: detail ? `${meterAlarmRules[code].message}: ${detail}` : meterAlarmRules[code].message,
  value,
  raisedAt: at,
});
