import type { Logger } from 'pino';
import { followTable, logFailedRow, TableCursor, type Database } from '@hearth/platform/db';
import { authorizeRequest } from './authorize-request';
import { authRequestsAfter, AUTH_REQUEST_TABLE, pumpTransactionsAfter, PUMP_TRANSACTION_TABLE } from './pump-events.store';
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
  /** Below this an authorisation is refused (fen): a pump cannot sell less. */
  minimumMinor: number;
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
        const decision = await this.db.transaction((tx) => authorizeRequest(tx, request, this.settings.minimumMinor));
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
      take: async (sale) => {
        const settled = await this.db.transaction((tx) => settleSale(tx, sale));
        if (!settled)
          this.logger.warn({ tenantId: sale.tenantId, deviceId: sale.pumpId, counter: sale.counter }, 'a sale of a pump not on the register: not settled');
        else if (settled.anomalies.length > 0)
          this.logger.info(
            { tenantId: sale.tenantId, deviceId: sale.pumpId, counter: sale.counter, anomalies: settled.anomalies.map((a) => a.code) },
            'sale settled with anomalies',
          );
      },
      failed: logFailedRow(this.logger, 'a sale could not be settled; retrying next run', (t) => ({
        tenantId: t.tenantId,
        deviceId: t.pumpId,
        counter: t.counter,
      })),
    });
  }
}
