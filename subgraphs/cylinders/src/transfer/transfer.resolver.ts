import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { TransferOrderFilter } from './transfer.input';
import type { TransferQueries } from './transfer.queries';
import { TransferOrder } from './transfer-order.entity';
import { TransferDiscrepancy, TransferLine, TransferScan } from './transfer.types';

export const TransferOrderConnection = ConnectionType(TransferOrder, 'TransferOrder');

const PAGE = { defaultValue: 50, description: 'Page size, 1–200.' };
const AFTER = { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' };

/** Reads of transfer orders and what hangs off them, batched per request. */
@Resolver(() => TransferOrder)
export class TransferResolver {
  constructor(private readonly queries: TransferQueries) {}

  @Query(() => TransferOrderConnection, { description: 'Your company’s transfer orders (调拨单), newest first.' })
  transferOrders(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => TransferOrderFilter, { nullable: true, description: 'Which orders; omitted: all of them.' }) filter: TransferOrderFilter | null,
    @Arg('first', () => Int, PAGE) first: number,
    @Arg('after', () => String, AFTER) after?: string | null,
  ) {
    return this.queries.list(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => TransferOrder, { nullable: true, description: 'One transfer order by id; null if there is none.' })
  transferOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Id of one of your company’s orders; any other id gives null.' }) id: string) {
    return requestLoader(ctx, 'transfer-order', (ids) => this.queries.byIds(ctx.tenantId, ids)).load(id);
  }

  @FieldResolver(() => [TransferLine], { description: 'What it plans to carry per spec, with how many are loaded and received.' })
  lines(@Root() order: TransferOrder, @Ctx() ctx: SubgraphContext) {
    return requestLoader(ctx, 'transfer-lines', (ids) => this.queries.lines(ctx.tenantId, ids)).load(order.id);
  }

  @FieldResolver(() => [TransferScan], { description: 'The cylinders scanned onto the truck, in scan order.' })
  scans(@Root() order: TransferOrder, @Ctx() ctx: SubgraphContext) {
    return requestLoader(ctx, 'transfer-scans', (ids) => this.queries.scans(ctx.tenantId, ids)).load(order.id);
  }

  @FieldResolver(() => [TransferDiscrepancy], { description: 'What did not match at sign-off (empty before, and when all arrived).' })
  discrepancies(@Root() order: TransferOrder, @Ctx() ctx: SubgraphContext) {
    return requestLoader(ctx, 'transfer-discrepancies', (ids) => this.queries.discrepancies(ctx.tenantId, ids)).load(order.id);
  }
}
