import type { Logger } from 'pino';
import { followTable, logFailedRow, TableCursor, type Database, type TableKey } from '@hearth/platform/db';
import { authorizeRequest, type AuthorizationRules } from './authorize-request';
import { authRequestsAfter, AUTH_REQUEST_TABLE, pumpTransactionsAfter, PUMP_TRANSACTION_TABLE, type PumpTransaction } from './pump-events.store';
import { settleSale } from './settle-sale';

/** How far the intake has read each of the twins' pump tables (migration 0003 starts both at the beginning). */
const cursorOf = (table: string) => new TableCursor('fueling.pump_intake_cursor', table, { at: 'received_at', id: 'request_id' });
export const authRequestCursor = cursorOf(AUTH_REQUEST_TABLE);
export const saleCursor = cursorOf(PUMP_TRANSACTION_TABLE);

export interface PumpIntakeSettings {
  /**
   * How far behind the cursor each run reads again: `received_at` is the twins' transaction time,
   * so a batch committing after a later one sorts before rows already read. Rows already taken in
   * are left out by the database (an index probe each), not re-read into the service.
   */
  lookbackMs: number;
  /** What the card host may authorise, and how long a request may wait for it (`AuthorizationRules`). */
  rules: AuthorizationRules;
}

/**
 * What pumps asked and sold, taken in: every AUTH_REQUEST decided (each in a transaction of its own,
 * as the account it holds against is locked), every TRANSACTION settled once. Returns how many rows
 * were taken in.
 */
export class PumpIntake {
  constructor(
    private readonly db: Database,
    private readonly settings: PumpIntakeSettings,
    private readonly logger: Logger,
  ) {}

  authorizations(): Promise<number> {
    return followTable(this.db, {
      cursor: authRequestCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => authRequestsAfter(this.db, after, limit),
      keyOf: (r) => [r.receivedKey, r.id],
      take: async (request) => {
        const decision = await this.db.transaction((tx) => authorizeRequest(tx, request, this.settings.rules));
        this.logger.debug({ tenantId: request.tenantId, deviceId: request.pumpId, requestId: request.id, ...decision }, 'card authorisation decided');
      },
      failed: logFailedRow(this.logger, 'an authorisation request could not be decided; retrying next run', (r) => ({
        requestId: r.id,
        tenantId: r.tenantId,
        deviceId: r.pumpId,
      })),
    });
  }

  sales(): Promise<number> {
    return followTable(this.db, {
      cursor: saleCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => pumpTransactionsAfter(this.db, after, limit),
      keyOf: (t) => [t.receivedKey, t.id],
      take: (sale) => this.settle(sale),
      failed: logFailedRow(this.logger, 'a sale could not be settled; retrying next run', (t) => ({
        tenantId: t.tenantId,
        deviceId: t.pumpId,
        counter: t.counter,
      })),
    });
  }

  /**
   * The safety net under the cursor: every sale of the last day not settled yet. A twins batch that
   * commits later than the look-back window behind a newer one is passed over by `sales()`; an
   * unsettled sale is a card not debited, so they are looked for again, a day back, now and then.
   * Settling is once per (pump, counter), so a sale both find is settled once. Returns how many.
   */
  async sweepSales(sinceMs = 86_400_000): Promise<number> {
    let after: TableKey = [new Date(Date.now() - sinceMs).toISOString(), '00000000-0000-0000-0000-000000000000'];
    let swept = 0;
    for (;;) {
      const page = await pumpTransactionsAfter(this.db, after, 200);
      for (const sale of page) {
        await this.settle(sale).catch((err: unknown) =>
          this.logger.error({ err, tenantId: sale.tenantId, deviceId: sale.pumpId, counter: sale.counter }, 'a missed sale could not be settled'),
        );
        swept += 1;
      }
      const last = page.at(-1);
      if (!last || page.length < 200) break;
      after = [last.receivedKey, last.id];
    }
    if (swept > 0) this.logger.warn({ swept }, 'sales the intake had passed over were settled');
    return swept;
  }

  private async settle(sale: PumpTransaction): Promise<void> {
    const settled = await this.db.transaction((tx) => settleSale(tx, sale));
    if (!settled)
      this.logger.warn({ tenantId: sale.tenantId, deviceId: sale.pumpId, counter: sale.counter }, 'a sale of a pump not on the register: not settled');
    else if (settled.anomalies.length > 0)
      this.logger.info(
        { tenantId: sale.tenantId, deviceId: sale.pumpId, counter: sale.counter, anomalies: settled.anomalies.map((a) => a.code) },
        'sale settled with anomalies',
      );
  }
}
