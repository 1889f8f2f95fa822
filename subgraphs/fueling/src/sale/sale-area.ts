import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { Periodic } from '@hearth/platform/service';
import { DEFAULT_MINIMUM_AUTHORIZATION_MINOR } from '@hearth/platform/domain';
import { DEFAULT_GREY_CARDS, reviewOpenHolds, type GreyCardSettings } from './grey-cards';
import { PumpIntake, type PumpIntakeSettings } from './pump-intake';
import { FuelSaleResolver } from './sale.resolver';

/**
 * The channels the intake LISTENs on: the twins' pump kind NOTIFYs when it stores requests and sales
 * (payload ignored), so each is taken in at once instead of at the next tick.
 */
export const AUTH_REQUEST_CHANNEL = 'twins_pump_auth_request';
export const PUMP_TRANSACTION_CHANNEL = 'twins_pump_transaction';

export interface SaleSettings {
  intake: PumpIntakeSettings;
  /** How often the intake looks without a notice, ms. */
  intakeMs: number;
  greyCards: GreyCardSettings;
  /** How often open holds are reviewed (grey cards, expiry), ms. */
  reviewMs: number;
}

export const DEFAULT_SALE_SETTINGS: SaleSettings = {
  intake: { lookbackMs: 5_000, minimumMinor: DEFAULT_MINIMUM_AUTHORIZATION_MINOR },
  intakeMs: 1_000,
  greyCards: DEFAULT_GREY_CARDS,
  reviewMs: 30_000,
};

/** Sales: pumps' authorisation requests decided, their sales settled once with their debit, grey cards. */
export interface SaleArea extends DomainArea {
  intake: PumpIntake;
  authorizations: Periodic;
  sales: Periodic;
  holds: Periodic;
}

export function createSaleArea(deps: DomainDeps, settings: SaleSettings = DEFAULT_SALE_SETTINGS): SaleArea {
  const intake = new PumpIntake(deps.db, settings.intake, deps.logger);
  const authorizations = new Periodic('authorisation intake', settings.intakeMs, () => intake.authorizations(), deps.logger);
  const sales = new Periodic('sale intake', settings.intakeMs, () => intake.sales(), deps.logger);
  const holds = new Periodic('open holds review', settings.reviewMs, () => reviewOpenHolds(deps.db, settings.greyCards), deps.logger);
  const unlisten: (() => Promise<void>)[] = [];
  return {
    intake,
    authorizations,
    sales,
    holds,
    resolvers: [new FuelSaleResolver(deps.db)],
    start: async () => {
      unlisten.push(await deps.db.listen(AUTH_REQUEST_CHANNEL, () => void authorizations.wake()));
      unlisten.push(await deps.db.listen(PUMP_TRANSACTION_CHANNEL, () => void sales.wake()));
      for (const task of [authorizations, sales, holds]) task.start();
      // What was stored while the service was down, before the first tick.
      await Promise.all([authorizations.run(), sales.run()]);
    },
    stop: async () => {
      for (const stop of unlisten.splice(0)) await stop();
      for (const task of [authorizations, sales, holds]) await task.stop();
    },
  };
}
