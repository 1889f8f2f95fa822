import { TableCursor } from '@hearth/platform/db';

/** How far the intake has read `twins.alarm`: `(raised_at, id)` of the last alarm it read (migration 0003 starts it at install time). */
export const alarmIntakeCursor = new TableCursor('customers.alarm_intake_cursor', 'twins.alarm', { at: 'raised_at', id: 'alarm_id' });
