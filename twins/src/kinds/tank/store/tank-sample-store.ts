import type { Queryable } from '@hearth/platform/db';

export interface TankSampleRow {
  time: Date;
  tenantId: string;
  tankId: string;
  levelMm: number | null;
  temperatureC: number | null;
  pressureKPa: number | null;
  waterLevelMm: number | null;
  volumeLiters: number | null;
  fillPercent: number | null;
  massKg: number | null;
  inletValveOpen: boolean | null;
  highHighSetpointMm: number | null;
  seq: number | null;
  receivedAt: Date;
}

/** Appends a batch to the hypertable in one statement (column arrays: one round trip for any batch size). */
export async function insertTankSamples(tx: Queryable, rows: TankSampleRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof TankSampleRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.tank_sample (time, tenant_id, tank_id, level_mm, temperature_c, pressure_kpa, water_level_mm, volume_liters, fill_percent, mass_kg, seq, received_at,
                                   inlet_valve_open, high_high_setpoint_mm)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
                          $11::bigint[], $12::timestamptz[], $13::boolean[], $14::float8[])`,
    [
      col('time'),
      col('tenantId'),
      col('tankId'),
      col('levelMm'),
      col('temperatureC'),
      col('pressureKPa'),
      col('waterLevelMm'),
      col('volumeLiters'),
      col('fillPercent'),
      col('massKg'),
      col('seq'),
      col('receivedAt'),
      col('inletValveOpen'),
      col('highHighSetpointMm'),
    ],
  );
}
