import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { Periodic, TableFollower } from '@hearth/platform/service';
import { DEFAULT_AUTHORIZATION_RULES } from './authorize-request';
import { DEFAULT_GREY_CARDS, reviewOpenHolds, type GreyCardSettings } from './grey-cards';
import { AUTH_REQUEST_TABLE, PUMP_TRANSACTION_TABLE } from './pump-events.store';
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
  /** How often open holds are reviewed (grey cards, expiry) and missed sales looked for, ms. */
  reviewMs: number;
}

export const DEFAULT_SALE_SETTINGS: SaleSettings = {
  intake: { lookbackMs: 5_000, rules: DEFAULT_AUTHORIZATION_RULES },
  intakeMs: 1_000,
  greyCards: DEFAULT_GREY_CARDS,
  reviewMs: 30_000,
};

/** Sales: pumps' authorisation requests decided, their sales settled once with their debit, grey cards. */
export interface SaleArea extends DomainArea {
  intake: PumpIntake;
  authorizations: TableFollower;
  sales: TableFollower;
  holds: Periodic;
}

export function createSaleArea(deps: DomainDeps, settings: SaleSettings = DEFAULT_SALE_SETTINGS): SaleArea {
  const intake = new PumpIntake(deps.db, settings.intake, deps.logger);
  // Quietly nothing until the twins service has made both its pump tables.
  const follow = (name: string, channel: string, run: () => Promise<number>) =>
    new TableFollower({ name, db: deps.db, pollMs: settings.intakeMs, channel, tables: [AUTH_REQUEST_TABLE, PUMP_TRANSACTION_TABLE], run });
  const authorizations = follow('authorisation intake', AUTH_REQUEST_CHANNEL, () => intake.authorizations());
  const sales = follow('sale intake', PUMP_TRANSACTION_CHANNEL, () => intake.sales());
  const holds = new Periodic('open holds review', settings.reviewMs, () => reviewOpenHolds(deps.db, settings.greyCards), deps.logger);
  // Every tenth review: sales the intake passed over, a day back (`PumpIntake.sweepSales`).
  const sweep = new Periodic('missed sales sweep', settings.reviewMs * 10, () => intake.sweepSales(), deps.logger);
  return {
    intake,
    authorizations,
    sales,
    holds,
    resolvers: [new FuelSaleResolver(deps.db)],
    start: async () => {
      holds.start();
      sweep.start();
      // Each catches up on what was stored while the service was down, before its first tick.
      await Promise.all([authorizations.start(deps.logger), sales.start(deps.logger)]);
    },
    stop: async () => {
      await authorizations.stop();
      await sales.stop();
      await holds.stop();
      await sweep.stop();
    },
  };
}
