import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { tariffVersionsFor } from './tariff-versions';
import { TariffResolver } from './tariff.resolver';
import { TariffService } from './tariff.service';

/** Tariffs: flat, tiered and time-of-use, each a series of versions by effective instant. Charges price through `tariffVersionsFor`. */
export interface TariffArea extends DomainArea {
  tariffs: TariffService;
  /** Every version of the tenant's tariffs, oldest first, in the caller's transaction (see `./tariff-versions`). */
  tariffVersionsFor: typeof tariffVersionsFor;
}

export function createTariffArea(deps: DomainDeps): TariffArea {
  const tariffs = new TariffService(deps.db, deps.data);
  return { tariffs, tariffVersionsFor, resolvers: [new TariffResolver(tariffs)] };
}
