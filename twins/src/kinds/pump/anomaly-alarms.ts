import { randomUUID } from 'node:crypto';
import { followTable, logFailedRow, type Database } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import type { Logger } from 'pino';
import { viewOfChange, type AlarmEvents } from '../../alarms/alarm-events';
import type { AssetAlarmChange } from '../../store/alarm-store';
import { saleAlarmChanges } from './model/sale-alarms';
import * as sales from './store/anomalous-sales';

export interface AnomalyAlarmSettings {
  /** The fueling service announces no settled sale: this poll finds them. */
  pollMs: number;
  /** How far behind its cursor each run reads again: a sale is stamped `settled_at` before its transaction commits. */
  lookbackMs: number;
}

export const defaultAnomalyAlarmSettings: AnomalyAlarmSettings = { pollMs: 10_000, lookbackMs: 120_000 };

/** Claims are kept far beyond the look-back window, so a sale read again after a stuck run is still known. */
const KEEP_CLAIMS_MS = 30 * 24 * 3600_000;

/**
 * Raises the alarms of sales the fueling service settled with anomalies (DOMAIN, Fueling: anomaly
 * rules): follows `fueling.sale` by `(settled_at, id)` through a durable cursor and a poll, and
 * records each anomalous sale's alarms on its pump (its station as site) in the alarm centre, once
 * across instances. They are events, raised returned to normal (`model/sale-alarms.ts`): the pump
 * twin's open alarms do not change, so they are written here rather than through a batch.
 * `alarmChanged` subscribers hear of them once committed, through the core's alarm events.
 */
export class AnomalyAlarms {
  private readonly follower: TableFollower;
  private forgotAt = 0;
  private logger?: Logger;
  private alarmEvents?: AlarmEvents;

  constructor(
    private readonly db: Database,
    private readonly settings: AnomalyAlarmSettings,
  ) {
    this.follower = new TableFollower({ name: 'anomaly-alarms', db, pollMs: settings.pollMs, tables: [sales.SALE_TABLE], run: () => this.run() });
  }

  connect(logger: Logger, alarmEvents: AlarmEvents): void {
    this.logger = logger;
    this.alarmEvents = alarmEvents;
    void this.follower.start(logger);
  }

  wake(): Promise<void> {
    return this.follower.wake();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  private async run(): Promise<void> {
    const logger = this.logger;
    if (!logger) return;
    await followTable<sales.AnomalousSaleRow>(this.db, {
      cursor: sales.saleCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => sales.anomalousSalesAfter(this.db, after, limit),
      keyOf: (s) => [s.settledKey, s.id],
      take: (s) => this.raise(s, logger),
      failed: logFailedRow(logger, 'the alarms of an anomalous sale could not be raised; trying again next run', (s) => ({
        saleId: s.id,
        tenantId: s.tenantId,
        deviceId: s.pumpId,
      })),
    });
    if (Date.now() - this.forgotAt > 3600_000) {
      this.forgotAt = Date.now();
      await sales.forgetOldClaims(this.db, KEEP_CLAIMS_MS);
    }
  }

  private async raise(sale: sales.AnomalousSaleRow, logger: Logger): Promise<void> {
    if (sale.raised) return;
    const alarms: AssetAlarmChange[] = saleAlarmChanges(sale, new Date(), randomUUID).map((change) => ({
      tenantId: sale.tenantId,
      assetKind: 'pump',
      assetId: sale.pumpId,
      siteId: sale.stationId,
      change,
    }));
    if (alarms.length === 0) return;
    const raised = await this.db.transaction((tx) => sales.raiseOnce(tx, sale, alarms));
    // Committed: live subscribers hear of them as of any alarm (raised, and returned to normal at once).
    if (raised) this.alarmEvents?.publish(alarms.map(viewOfChange));
    if (raised)
      logger.info(
        { tenantId: sale.tenantId, deviceId: sale.pumpId, saleId: sale.id, codes: sale.anomalies.map((a) => a.code) },
        'sale anomalies raised as alarms',
      );
  }
}
