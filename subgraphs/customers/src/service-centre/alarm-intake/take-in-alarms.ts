import type { Logger } from 'pino';
import type { Queryable } from '@hearth/platform/db';
import type { ServiceOrderService } from '../service-order.service';
import { readIntakeCursor, saveIntakeCursor } from './intake-cursor';
import { criticalDetectorAlarms, twinsTablesPresent } from './twins-alarms.store';

export interface AlarmIntakeSettings {
  /**
   * How far behind the cursor each run reads again. An alarm's `raised_at` is its reading's time,
   * so one that reaches the database late (a gateway that buffered while offline) can sort before
   * alarms already read; re-reading a window catches it. Alarms already turned into orders cost a
   * read, nothing more.
   */
  lookbackMs: number;
  pageSize?: number;
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One run of the gas-leak intake: a GAS_SMELL order for each CRITICAL detector alarm raised at a
 * customer's premises that has none yet (`openFromAlarm`: one per alarm, however many instances
 * run this), then the durable cursor moves past what was read. It moves no further than the first
 * alarm whose order could not be opened, so that alarm is tried again next run however old it gets.
 * Quietly does nothing until the twins service has created its tables. Returns the orders opened.
 */
export async function takeInAlarms(db: Queryable, orders: ServiceOrderService, settings: AlarmIntakeSettings, logger: Logger): Promise<number> {
  const tables = await twinsTablesPresent(db);
  if (!tables.alarms) return 0;
  const cursor = await readIntakeCursor(db);
  let after: [string, string] = settings.lookbackMs > 0 ? [new Date(Date.parse(cursor[0]) - settings.lookbackMs).toISOString(), FIRST_ID] : cursor;
  const pageSize = settings.pageSize ?? 200;
  let readTo: [string, string] | null = null;
  let failed = false;
  let opened = 0;
  for (;;) {
    const page = await criticalDetectorAlarms(db, after, pageSize, tables.valves);
    for (const alarm of page) {
      if (!alarm.handled && alarm.customerId) {
        try {
          if (await orders.openFromAlarm(alarm.tenantId, alarm.customerId, alarm)) opened += 1;
        } catch (err) {
          failed = true;
          logger.error({ err, alarmId: alarm.id, tenantId: alarm.tenantId }, 'no service order could be opened for a CRITICAL gas alarm; retrying next run');
        }
      }
      if (!failed) readTo = [alarm.raisedKey, alarm.id];
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = [last.raisedKey, last.id];
  }
  if (readTo) await saveIntakeCursor(db, readTo);
  if (opened > 0) logger.info({ opened }, 'service orders opened for gas alarms');
  return opened;
}
