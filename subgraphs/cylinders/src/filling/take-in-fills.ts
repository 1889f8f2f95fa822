import type { Logger } from 'pino';
import { followTable, logFailedRow, TableCursor, type Database } from '@hearth/platform/db';
import { recordFill } from './record-fill';
import { scaleFillsAfter, SCALE_FILL_TABLE, type ScaleFill } from './scale-fills.store';

/** How far the intake has read `twins.scale_fill` (migration 0005 starts it at the beginning). */
export const fillIntakeCursor = new TableCursor('cylinders.fill_intake_cursor', SCALE_FILL_TABLE, { at: 'received_at', id: 'fill_id' });

/**
 * The channel the fill intake LISTENs on: a NOTIFY on it (the twins service's scale kind after it
 * stores fills, payload ignored) runs the intake at once instead of at its next tick.
 */
export const FILL_NOTIFY_CHANNEL = 'twins_scale_fill';

export interface FillIntakeSettings {
  /**
   * How far behind the cursor each run reads again. `received_at` is the twins service's
   * transaction time, so a batch that commits after a later one can sort before fills already read;
   * re-reading a window catches it. A fill already recorded costs a read, nothing more.
   */
  lookbackMs: number;
  pageSize?: number;
}

/**
 * One run of the fill intake: every fill after the cursor recorded, each in a transaction of its
 * own (with its cylinder's move), then the cursor moves on; it stops short of the first fill that
 * could not be recorded (retried next run) without holding up the fills after it. Returns the fills
 * recorded.
 */
export async function takeInFills(db: Database, settings: FillIntakeSettings, logger: Logger): Promise<number> {
  let recorded = 0;
  await followTable<ScaleFill>(db, {
    cursor: fillIntakeCursor,
    lookbackMs: settings.lookbackMs,
    pageSize: settings.pageSize,
    page: (after, limit) => scaleFillsAfter(db, after, limit),
    keyOf: (fill) => [fill.receivedKey, fill.id],
    take: async (fill) => {
      if (fill.recorded) return;
      const result = await db.transaction((tx) => recordFill(tx, fill));
      if (!result.recorded) return;
      recorded += 1;
      if (result.refusal)
        logger.warn(
          { fillId: fill.id, tenantId: fill.tenantId, deviceId: fill.scaleId, tag: fill.tag, refusal: result.refusal },
          'fill recorded; the cylinder could not move to FILLED',
        );
    },
    failed: logFailedRow(logger, 'a scale fill could not be recorded; retrying next run', (fill) => ({
      fillId: fill.id,
      tenantId: fill.tenantId,
      deviceId: fill.scaleId,
    })),
  });
  if (recorded > 0) logger.debug({ recorded }, 'scale fills recorded');
  return recorded;
}
