import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { TransferOrder } from './transfer-order.entity';
import { TransferMutationsResolver } from './transfer-mutations.resolver';
import { TransferQueries } from './transfer.queries';
import { TransferResolver } from './transfer.resolver';
import { TransferService } from './transfer.service';

/** Its TypeORM entities. */
export const transferEntities: Function[] = [TransferOrder];

/** The transfers area (调拨): its resolvers, and the service the stack (or another area) calls. */
export interface TransferArea extends DomainArea {
  service: TransferService;
}

export function createTransferArea(deps: DomainDeps): TransferArea {
  const service = new TransferService(deps.data);
  const queries = new TransferQueries(deps.db, deps.data);
  return {
    resolvers: [new TransferResolver(queries), new TransferMutationsResolver(service)],
    // Another company's order, or none: null, as for every entity.
    handWritten: {
      TransferOrder: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
          requestLoader(ctx, 'transfer-order', (ids) => queries.byIds(ctx.tenantId, ids)).load(ref.id),
      },
    },
    service,
  };
}
