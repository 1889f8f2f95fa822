import { isUuid, type Queryable } from '@hearth/platform/db';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { FuelGradeResolver } from './grade.resolver';
import { GradeService } from './grade.service';
import { FuelPriceResolver } from './price.resolver';
import { PriceService } from './price.service';
import { PRICE_COLUMNS, priceInEffect, type StoredPrice } from './prices';
import { NozzleResolver, PumpResolver } from './pump.resolver';
import { PumpService } from './pump.service';
import { pumpLoader, stationLoader } from './station-loaders';
import { FuelStationResolver } from './station.resolver';
import { StationService } from './station.service';

/**
 * The stations area: grades, fuel stations, their pumps and nozzles, prices with effective times.
 * Other areas price and look up through the services it hands out.
 */
export interface StationArea extends DomainArea {
  grades: GradeService;
  stations: StationService;
  pumps: PumpService;
  prices: PriceService;
  /** The unit price of a grade at a station at an instant, in the caller's transaction (see `./prices`). */
  priceInEffect: typeof priceInEffect;
}

export function createStationArea(deps: DomainDeps): StationArea {
  const grades = new GradeService(deps.db, deps.data);
  const stations = new StationService(deps.db, deps.data);
  const pumps = new PumpService(deps.db, deps.data);
  const prices = new PriceService(deps.db, deps.data);
  return {
    grades,
    stations,
    pumps,
    prices,
    priceInEffect,
    resolvers: [
      new FuelGradeResolver(grades),
      new FuelStationResolver(stations, pumps, prices),
      new PumpResolver(pumps, stations),
      new NozzleResolver(grades),
      new FuelPriceResolver(prices, grades),
    ],
    handWritten: {
      FuelStation: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => stationLoader(ctx, stations).load(ref.id) },
      Pump: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => pumpLoader(ctx, pumps).load(ref.id) },
      // The twins subgraph adds a price's rollout to the pumps: its entries come back here in one query.
      FuelPrice: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
          requestLoader(ctx, 'fuel-price', (ids) => pricesByIds(deps.db, ctx.tenantId, ids)).load(ref.id),
      },
    },
  };
}

/** The tenant's price entries named, by id (another tenant's, or a malformed id, is none). */
async function pricesByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, StoredPrice>> {
  const rows = await q.query<StoredPrice>(`SELECT ${PRICE_COLUMNS} FROM fueling.price p WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`, [
    tenantId,
    ids.filter(isUuid),
  ]);
  return new Map(rows.map((p) => [p.id, p]));
}
