import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { Periodic } from '@hearth/platform/service';
import { METER_BALANCE_CHANNEL } from '../charge/meter-charge-posting';
import { evaluateSupply } from './evaluate-supply';
import { MeterSupplyResolver } from './supply-events.resolver';
import { MeteringPolicyResolver } from './supply.resolver';
import { metersToWatch, metersWatched, seeWalletChanges } from './wallet-changes';

export interface SupplySettings {
  /** How often meters just charged are looked at without a notice, ms. */
  chargedMs: number;
  /** How often wallets moved by others (top-ups: the ledger's recent journals) and meters tripped or alarmed are looked at, ms. */
  sweepMs: number;
  /**
   * How often every bound meter's wallet is compared with what was seen, and every meter at or below
   * alarm 1 looked at (a join over all of them: a wallet bound since, a policy changed, a top-up whose
   * transaction committed after the sweep's window passed it), ms.
   */
  fullSweepMs: number;
}

/** The sweep's window over the ledger's journals: a top-up committing this long after it was written is found by the full sweep. */
export const RECENT_JOURNALS_MS = 60_000;

export const DEFAULT_SUPPLY_SETTINGS: SupplySettings = { chargedMs: 1_000, sweepMs: 5_000, fullSweepMs: 60_000 };

/** Supply: alarms and the relay decided from each meter's balance, once; the company's policy. */
export interface SupplyArea extends DomainArea {
  /** Meters charged since the last look (`metering_meter_balance` notices), looked at now. */
  charged: Periodic;
  /** Top-ups seen and told to the twins (their share repaying emergency credit); tripped, alarmed and indebted meters looked at (every wallet and low meter each fullSweepMs). */
  sweep: Periodic;
}

export function createSupplyArea(deps: DomainDeps, settings: SupplySettings = DEFAULT_SUPPLY_SETTINGS): SupplyArea {
  const { db, logger } = deps;
  const pending = new Set<string>();
  const charged = new Periodic(
    'supply of charged meters',
    settings.chargedMs,
    async () => {
      const ids = [...pending];
      pending.clear();
      // A meter whose look fails is found by the sweep: it is low, alarmed or tripped if anything is due.
      await evaluateSupply(db, ids);
    },
    logger,
  );
  let fullAt = 0;
  const sweep = new Periodic(
    'supply sweep',
    settings.sweepMs,
    async () => {
      // The first run, and one every fullSweepMs, compares every bound wallet; the others cost with what changed.
      const full = Date.now() - fullAt >= settings.fullSweepMs;
      if (full) fullAt = Date.now();
      const moved = await seeWalletChanges(db, full ? undefined : RECENT_JOURNALS_MS);
      await evaluateSupply(db, [...moved, ...(await (full ? metersToWatch(db) : metersWatched(db)))]);
    },
    logger,
  );
  let unlisten: (() => Promise<void>) | undefined;
  return {
    charged,
    sweep,
    resolvers: [new MeteringPolicyResolver(db), new MeterSupplyResolver(db)],
    start: async () => {
      // Each batch of charges tells the twins its meters' balances on this channel: the same notice says which meters to look at.
      unlisten = await db.listen(METER_BALANCE_CHANNEL, (payload) => {
        const { meterId } = JSON.parse(payload) as { meterId?: string };
        if (meterId) pending.add(meterId);
        void charged.wake();
      });
      charged.start();
      sweep.start();
      await sweep.run();
    },
    stop: async () => {
      await unlisten?.();
      await charged.stop();
      await sweep.stop();
    },
  };
}
