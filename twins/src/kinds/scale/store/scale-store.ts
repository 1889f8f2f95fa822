import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { ScaleTwinState } from '../model/scale-twin';

export const scaleTwinStore = new JsonTwinStore<ScaleTwinState>('twins.scale_twin', (twin) => twin.scaleId);

/** One fill as the scale reported it (`twins.scale_fill`), read by the cylinders service through a durable cursor. */
export interface ScaleFillRow {
  id: string;
  time: Date;
  tenantId: string;
  scaleId: string;
  tag: string;
  cylinderId: string | null;
  tareKg: number;
  grossKg: number;
  netKg: number;
  operator: string | null;
  released: boolean;
  /** Judged only for a released fill: false when not released (its limits are unknown). */
  overfill: boolean;
  seq: number | null;
  receivedAt: Date;
}

/** Appends a batch's fills in one statement. */
export async function insertScaleFills(tx: Queryable, rows: ScaleFillRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof ScaleFillRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.scale_fill (id, time, tenant_id, scale_id, tag, cylinder_id, tare_kg, gross_kg, net_kg, operator, released, overfill, seq, received_at)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::float8[], $8::float8[], $9::float8[],
                          $10::text[], $11::boolean[], $12::boolean[], $13::bigint[], $14::timestamptz[])`,
    [
      col('id'),
      col('time'),
      col('tenantId'),
      col('scaleId'),
      col('tag'),
      col('cylinderId'),
      col('tareKg'),
      col('grossKg'),
      col('netKg'),
      col('operator'),
      col('released'),
      col('overfill'),
      col('seq'),
      col('receivedAt'),
    ],
  );
}
