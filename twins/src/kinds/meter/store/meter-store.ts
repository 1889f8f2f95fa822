import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { MeterReadingRow, MeterTwinState } from '../model/meter-twin';

export const meterTwinStore = new JsonTwinStore<MeterTwinState>('twins.meter_twin', (twin) => twin.meterId);

/** Where the metering service hears of new readings: one notice per batch that stored any. */
export const READING_CHANNEL = 'twins_meter_reading';

/**
 * Appends a batch's readings in one statement (a redelivery, same meter and `observed_at`, is not
 * stored again) and, when any was new, announces them once (`NOTIFY twins_meter_reading`) in the
 * batch's transaction: the metering service hears of them when they commit.
 */
export async function insertMeterReadings(tx: Queryable, rows: readonly MeterReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof MeterReadingRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `WITH stored AS (
       INSERT INTO twins.meter_reading (tenant_id, meter_id, observed_at, register_milli, remaining_money_minor, relay)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::text[])
       ON CONFLICT (tenant_id, meter_id, observed_at) DO NOTHING RETURNING 1)
     SELECT pg_notify('${READING_CHANNEL}', '') FROM (SELECT 1 FROM stored LIMIT 1) AS any_stored`,
    [col('tenantId'), col('meterId'), col('observedAt'), col('registerMilli'), col('remainingMoneyMinor'), col('relay')],
  );
}
