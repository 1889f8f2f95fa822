import type { Logger } from 'pino';
import { followTable, logFailedRow, type Queryable } from '@hearth/platform/db';
import type { ServiceOrderService } from '../service-order.service';
import { alarmIntakeCursor } from './intake-cursor';
import { criticalDetectorAlarms, twinsTablesPresent, type DetectorAlarm } from './twins-alarms.store';

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
  let opened = 0;
  await followTable<DetectorAlarm>(db, {
    cursor: alarmIntakeCursor,
    lookbackMs: settings.lookbackMs,
    pageSize: settings.pageSize,
    page: (after, limit) => criticalDetectorAlarms(db, after, limit, tables.valves),
    keyOf: (alarm) => [alarm.raisedKey, alarm.id],
    take: async (alarm) => {
      if (alarm.handled || !alarm.customerId) return;
      if (await orders.openFromAlarm(alarm.tenantId, alarm.customerId, alarm)) opened += 1;
    },
    failed: logFailedRow(logger, 'no service order could be opened for a CRITICAL gas alarm; retrying next run', (alarm) => ({
      alarmId: alarm.id,
      tenantId: alarm.tenantId,
    })),
  });
  if (opened > 0) logger.info({ opened }, 'service orders opened for gas alarms');
  return opened;
}
