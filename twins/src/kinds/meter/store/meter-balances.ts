import type { Database } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import type { Logger } from 'pino';
import { METER_TABLE } from './meter-places';

/** Where the metering service announces a bound meter's new wallet balance: `{"tenantId","meterId","balanceMinor","at"}`. */
export const BALANCE_CHANNEL = 'metering_meter_balance';
const ACCOUNT_TABLE = 'ledger.account';

export interface MeterBalance {
  tenantId: string;
  balanceMinor: number;
  /** When the metering service saw it (the newer of two notices wins); null for the start-up read. */
  at: Date | null;
}

/**
 * Each bound meter's wallet balance (`ledger.account.balance_minor` of `metering.meter.account_id`),
 * in memory. It is the metering service's figure, not the device's: every twins instance learns it
 * itself, read once when the tables exist and then from each `NOTIFY metering_meter_balance`, so no
 * twin is written for it. `changed` is told of each meter whose balance moved (its subscribers hear).
 */
export class MeterBalances {
  private readonly balances = new Map<string, MeterBalance>();
  private readonly follower: TableFollower;
  private loaded = false;

  constructor(
    private readonly db: Database,
    private readonly changed: (tenantId: string, meterId: string) => void,
    pollMs = 60_000,
  ) {
    this.follower = new TableFollower({
      name: 'meter-balances',
      db,
      pollMs,
      channel: BALANCE_CHANNEL,
      tables: [METER_TABLE, ACCOUNT_TABLE],
      heard: (payload) => Promise.resolve(this.heard(payload)),
      run: () => this.readAll(),
    });
  }

  /** The balance of one of the tenant's meters; null when unknown (not bound to a wallet, or not the tenant's). */
  balanceOf(tenantId: string, meterId: string): number | null {
    const balance = this.balances.get(meterId);
    return balance?.tenantId === tenantId ? balance.balanceMinor : null;
  }

  /** Listens before the twins are restored, so no notice between the start-up read and the LISTEN is lost. */
  listen(): Promise<void> {
    return this.follower.listen();
  }

  start(logger: Logger): Promise<void> {
    return this.follower.start(logger);
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** Applies a notice; a start-up read still to come wakes the follower (returns true). */
  private heard(payload: string): boolean {
    let notice: { tenantId?: unknown; meterId?: unknown; balanceMinor?: unknown; at?: unknown };
    try {
      notice = JSON.parse(payload) as typeof notice;
    } catch {
      return false;
    }
    const { tenantId, meterId, balanceMinor } = notice;
    if (typeof tenantId !== 'string' || typeof meterId !== 'string' || !Number.isSafeInteger(balanceMinor)) return false;
    const at = typeof notice.at === 'string' && !Number.isNaN(Date.parse(notice.at)) ? new Date(notice.at) : new Date();
    const known = this.balances.get(meterId);
    if (known?.at && known.at > at) return false;
    this.balances.set(meterId, { tenantId, balanceMinor: balanceMinor as number, at });
    this.changed(tenantId, meterId);
    return !this.loaded;
  }

  /** The start-up read (once the metering and ledger tables exist); a notice newer than it is kept. */
  private async readAll(): Promise<void> {
    if (this.loaded) return;
    const rows = await this.db.query<{ id: string; tenantId: string; balanceMinor: number }>(
      `SELECT m.id::text, m.tenant_id::text AS "tenantId", a.balance_minor::float8 AS "balanceMinor"
         FROM ${METER_TABLE} m JOIN ${ACCOUNT_TABLE} a ON a.id = m.account_id`,
    );
    for (const row of rows) if (!this.balances.get(row.id)?.at) this.balances.set(row.id, { tenantId: row.tenantId, balanceMinor: row.balanceMinor, at: null });
    this.loaded = true;
  }
}
