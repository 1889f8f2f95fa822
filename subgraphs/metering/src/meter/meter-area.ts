import type { SubgraphContext } from '@hearth/platform/graphql';
import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { meterLoader, MeterResolver } from './meter.resolver';
import { MeterService } from './meter.service';
import { lockMeter, meterRow, metersByIds } from './meter.store';

/**
 * Meters: registered (one, or a file of 10,000), bound to a customer's wallet and a tariff, supply
 * protected. The other areas read meters through the store functions it hands out.
 */
export interface MeterArea extends DomainArea {
  meters: MeterService;
  meterRow: typeof meterRow;
  metersByIds: typeof metersByIds;
  lockMeter: typeof lockMeter;
}

export function createMeterArea(deps: DomainDeps): MeterArea {
  const meters = new MeterService(deps.db, deps.data);
  return {
    meters,
    meterRow,
    metersByIds,
    lockMeter,
    resolvers: [new MeterResolver(meters)],
    handWritten: {
      // The twins subgraph adds each meter's twin: the gateway asks here for the rest, one query per request.
      Meter: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => meterLoader(ctx, meters).load(ref.id) },
    },
  };
}
