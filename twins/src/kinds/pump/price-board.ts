import { fleetChannel } from '@hearth/broker';
import { followTable, logFailedRow, type Database } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import { serviceCaller } from '../decision-follower';
import { deviceOfFleetChange } from '../device-places';
import type { KindCore } from '../twin-kind';
import type { PumpKind } from './pump-kind';
import { sendPrices } from './send-prices';
import * as changes from './store/price-changes';
import { dueAgain, pumpsDue } from './store/price-sends';

/** Who sends prices to the pumps (recorded on each command and audit entry). */
export const PRICE_BOARD = 'price-board';

export interface PriceBoardSettings {
  /** The poll behind the timer set for the next scheduled change: it also finds changes entered since. */
  pollMs: number;
  /** How far behind its cursor each run reads again: a price entered "from now" is stamped before its transaction commits. */
  lookbackMs: number;
  /**
   * How long a SET_PRICES waits for an offline station. A station that cannot reach Hearth keeps
   * selling on its last prices (DOMAIN, Fueling), so the command must outlast any plausible outage
   * (a long holiday weekend, a remote line down for days): 7 days, the core's longest. A late
   * command is never wrong: each carries every price in effect when sent, and a newer one follows
   * it in order. One that expires counts as failed in its price's rollout; the next change corrects the pump.
   */
  expiresInSeconds: number;
}

export const defaultPriceBoardSettings: PriceBoardSettings = { pollMs: 10_000, lookbackMs: 60_000, expiresInSeconds: 7 * 24 * 3600 };

/** Pumps sent their prices per run; a fuller backlog goes on in the next run straight after. */
const PUMPS_PER_RUN = 200;
/** setTimeout's longest delay (about 24.8 days); a change further off is found by a later poll. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends price changes to the pumps (DOMAIN: a change scheduled for 00:00 must reach every pump as
 * a command). Follows `fueling.price` rows whose time has come through a durable cursor, woken by
 * a timer set for the next scheduled change and a poll; notes each due on the pumps it applies to
 * (`twins.pump_price_send`), then sends each such pump one SET_PRICES with every price in effect
 * for its nozzles, by `service:price-board`, audited, claimed once across instances. A pump bound
 * to a gateway again gets what it could not be sent.
 */
export class PriceBoard {
  private readonly follower: TableFollower;
  private timer?: NodeJS.Timeout;
  private core?: KindCore;
  private kind?: PumpKind;

  constructor(
    private readonly db: Database,
    private readonly settings: PriceBoardSettings,
  ) {
    this.follower = new TableFollower({
      name: 'price-board',
      db,
      pollMs: settings.pollMs,
      // The fueling service announces no price: a pump bound to a gateway again is the notice here.
      channel: fleetChannel,
      heard: (payload) => this.bound(payload),
      tables: [changes.PRICE_TABLE],
      run: () => this.run(),
    });
  }

  start(): Promise<void> {
    return this.follower.listen();
  }

  connect(core: KindCore, kind: PumpKind): void {
    this.core = core;
    this.kind = kind;
    void this.follower.start(core.logger);
  }

  /** Runs now, or once more right after the run under way. */
  wake(): Promise<void> {
    return this.follower.wake();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    // After the last run, which may have set it.
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    const { core, kind } = this;
    if (!core || !kind) return;
    const now = new Date();
    await followTable<changes.DuePrice>(this.db, {
      cursor: changes.priceCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => changes.duePricesAfter(this.db, after, limit, now),
      keyOf: (p) => [p.effectiveKey, p.id],
      take: (p) => changes.noteDue(this.db, p.id),
      failed: logFailedRow(core.logger, 'a price change could not be noted due on its pumps; trying again next run', (p) => ({
        priceId: p.id,
        tenantId: p.tenantId,
      })),
    });
    const due = await pumpsDue(this.db, PUMPS_PER_RUN);
    const expiresInSeconds = Math.min(this.settings.expiresInSeconds, core.desiredState.settings.maxExpirySeconds);
    for (const pump of due) {
      await sendPrices({ db: this.db, core, kind, caller: serviceCaller(PRICE_BOARD, pump.tenantId), expiresInSeconds, now }, pump).catch((err: unknown) =>
        core.logger.error({ err, tenantId: pump.tenantId, deviceId: pump.pumpId }, 'prices could not be sent to the pump; trying again next run'),
      );
    }
    if (due.length === PUMPS_PER_RUN) void this.wake();
    await this.wakeAtNextChange(now);
  }

  /** A timer for the soonest scheduled change, so it goes out at its instant rather than at the next poll. */
  private async wakeAtNextChange(now: Date): Promise<void> {
    const next = await changes.nextEffectiveAt(this.db, now);
    clearTimeout(this.timer);
    if (!next) return;
    const delay = next.getTime() - Date.now();
    if (delay > MAX_TIMER_MS) return;
    this.timer = setTimeout(() => void this.wake(), Math.max(0, delay) + 5);
    this.timer.unref();
  }

  /** A pump bound to a gateway again: what it could not be sent is due again (a run sends it). */
  private async bound(payload: string): Promise<boolean> {
    const pumpId = deviceOfFleetChange(payload, 'pump');
    if (pumpId === null) return false;
    await dueAgain(this.db, pumpId).catch((err: unknown) => this.core?.logger.error({ err, deviceId: pumpId }, 'could not mark prices due again'));
    return true;
  }
}
