import type { Logger } from 'pino';
import type { Database } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import { FillRecordQueries } from './fill-records.queries';
import { reconcileFilling, type ReconciliationSettings } from './filling-reconciliation';
import { FillingOrderService } from './filling-orders.service';
import type { FillingReconciliation } from './filling.types';
import { SCALE_FILL_TABLE } from './scale-fills.store';
import { FILL_NOTIFY_CHANNEL, takeInFills, type FillIntakeSettings } from './take-in-fills';

/** Filling: the orders, the records the intake takes in from the scales, and their reconciliation with the tanks. */
export class FillingService {
  readonly orders: FillingOrderService;
  readonly records: FillRecordQueries;
  /**
   * The fill intake, every `intakeMs` and at once when the twins service notifies a fill; quietly
   * nothing until the twins service has created its table.
   */
  readonly intake: TableFollower;

  constructor(
    private readonly db: Database,
    private readonly settings: { intake: FillIntakeSettings; intakeMs: number; reconciliation: ReconciliationSettings },
    logger: Logger,
  ) {
    this.orders = new FillingOrderService(db);
    this.records = new FillRecordQueries(db);
    this.intake = new TableFollower({
      name: 'fill-intake',
      db,
      pollMs: settings.intakeMs,
      channel: FILL_NOTIFY_CHANNEL,
      tables: [SCALE_FILL_TABLE],
      run: () => takeInFills(db, settings.intake, logger),
    });
  }

  /** Null for a station that is not the tenant's. */
  reconcile(tenantId: string, stationId: string, from: Date, to: Date): Promise<FillingReconciliation | null> {
    return reconcileFilling(this.db, this.settings.reconciliation, tenantId, stationId, from, to);
  }
}
