import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { isNotBound } from '../decision-follower';
import type { KindCore } from '../twin-kind';
import { pricesFor, type SetPricesCommand } from './model/pump-prices';
import type { PumpKind } from './pump-kind';
import { pumpPricing } from './store/price-changes';
import { settleSends, takeDue } from './store/price-sends';

export interface SendPricesContext {
  db: Database;
  core: KindCore;
  kind: PumpKind;
  /** `service:price-board`, in the pump's company. */
  caller: CallerContext;
  expiresInSeconds: number;
  /** The instant prices are in effect at: the run's, the one its due changes were read at. */
  now: Date;
}

/**
 * Sends one pump the price changes due on it, if this instance takes them (another may have): one
 * SET_PRICES with the price in effect of every grade on its nozzles, so a pump that missed a change
 * is corrected by the next; audited as `fueling.prices-sent` with the changes it carries. The rows
 * are settled with the command (SENT), as NOT_BOUND when the pump is bound to no gateway (or no
 * pump of the company any more), or given back for the next run when the command could not be recorded.
 */
export async function sendPrices(ctx: SendPricesContext, pump: { tenantId: string; pumpId: string }): Promise<void> {
  const { db, core, kind, now } = ctx;
  const priceIds = await takeDue(db, pump.tenantId, pump.pumpId);
  if (priceIds.length === 0) return;
  const log = core.logger.child({ tenantId: pump.tenantId, deviceId: pump.pumpId });
  try {
    const pricing = await pumpPricing(db, pump.tenantId, pump.pumpId, now);
    if (!pricing?.bound) {
      await settleSends(db, pump.pumpId, priceIds, 'NOT_BOUND', null);
      log.warn({ priceIds }, 'the pump is bound to no gateway: its prices cannot reach it until it is');
      return;
    }
    const values: SetPricesCommand = { action: 'SET_PRICES', prices: pricesFor(pricing.entries, pricing.grades, pricing.stationId, now), priceIds };
    const command = await core.desiredState.request(ctx.caller, kind, {
      deviceId: pump.pumpId,
      values: { ...values },
      expiresInSeconds: ctx.expiresInSeconds,
      audit: { domain: 'twins', action: 'fueling.prices-sent', target: `pump:${pump.pumpId}`, details: { priceIds, prices: values.prices } },
    });
    await settleSends(db, pump.pumpId, priceIds, 'SENT', command.id);
    log.debug({ commandId: command.id, prices: values.prices }, 'prices sent to the pump');
  } catch (err) {
    if (isNotBound(err)) {
      await settleSends(db, pump.pumpId, priceIds, 'NOT_BOUND', null);
      log.warn({ priceIds }, 'the pump is bound to no gateway: its prices cannot reach it until it is');
      return;
    }
    await settleSends(db, pump.pumpId, priceIds, 'DUE', null);
    throw err;
  }
}
