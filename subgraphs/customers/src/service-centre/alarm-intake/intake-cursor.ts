import { timeKeySql, type Queryable } from '@hearth/platform/db';

const NAME = 'twins.alarm';

/** How far the intake has read `twins.alarm`: `(raised_at, id)` of the last alarm it read (migration 0003 starts it at install time). */
export async function readIntakeCursor(db: Queryable): Promise<[string, string]> {
  const [row] = await db.query<{ at: string; id: string }>(
    `SELECT ${timeKeySql('raised_at')} AS at, alarm_id::text AS id FROM customers.alarm_intake_cursor WHERE name = $1`,
    [NAME],
  );
  return row ? [row.at, row.id] : [new Date().toISOString().replace('Z', '000Z'), '00000000-0000-0000-0000-000000000000'];
}

/** Moves the cursor forward (never back: several instances may read at once). */
export async function saveIntakeCursor(db: Queryable, key: [string, string]): Promise<void> {
  await db.query(
    `UPDATE customers.alarm_intake_cursor SET raised_at = $2::timestamptz, alarm_id = $3::uuid, updated_at = now()
      WHERE name = $1 AND (raised_at, alarm_id) < ($2::timestamptz, $3::uuid)`,
    [NAME, key[0], key[1]],
  );
}
