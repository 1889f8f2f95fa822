import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { Periodic } from '@hearth/platform/service';
import { METER_BALANCE_CHANNEL } from '../charge/meter-charge-posting';
import { evaluateSupply } from './evaluate-supply';
import { MeterSupplyResolver } from './supply-events.resolver';
import { MeteringPolicyResolver } from './supply.resolver';
import { metersToWatch, seeWalletChanges } from './wallet-changes';

export interface SupplySettings {
  /** How often meters just charged are looked at without a notice, ms. */
  chargedMs: number;
  /** How often wallets moved by others (top-ups) and meters tripped, alarmed or low are looked at, ms. */
  sweepMs: number;
}

export const DEFAULT_SUPPLY_SETTINGS: SupplySettings = { chargedMs: 1_000, sweepMs: 5_000 };

/** Supply: alarms and the relay decided from each meter's balance, once; the company's policy. */
export interface SupplyArea extends DomainArea {
  /** Meters charged since the last look (`metering_meter_balance` notices), looked at now. */
  charged: Periodic;
  /** Top-ups seen and told to the twins (their share repaying emergency credit); tripped, alarmed, low and indebted meters looked at. */
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
  const sweep = new Periodic(
    'supply sweep',
    settings.sweepMs,
    async () => {
      const moved = await seeWalletChanges(db);
      await evaluateSupply(db, [...moved, ...(await metersToWatch(db))]);
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
