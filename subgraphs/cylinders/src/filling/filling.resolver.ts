import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate, requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { FillingService } from './filling.service';
import {
  FillingOrder,
  FillingOrderConnection,
  FillingOrderFilter,
  FillingReconciliation,
  FillingShiftTotal,
  FillingTotals,
  FillRecordConnection,
  FillRecordFilter,
  OpenFillingOrderInput,
} from './filling.types';

const PAGE = { defaultValue: 50, description: 'Page size, 1–200.' };
const AFTER = { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' };

@Resolver(() => FillingOrder)
export class FillingResolver {
  constructor(private readonly filling: FillingService) {}

  @Query(() => FillingOrderConnection, { description: 'Production filling orders (生产充装单), the latest opened first.' })
  fillingOrders(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => FillingOrderFilter, { nullable: true, description: 'Which orders; omitted: all of them.' }) filter: FillingOrderFilter | null,
    @Arg('first', () => Int, PAGE) first: number,
    @Arg('after', () => String, AFTER) after?: string | null,
  ) {
    return this.filling.orders.list(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => FillRecordConnection, { description: 'Fill records (充装记录), the latest filled first.' })
  fillRecords(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => FillRecordFilter, { nullable: true, description: 'Which fills; omitted: all of them.' }) filter: FillRecordFilter | null,
    @Arg('first', () => Int, PAGE) first: number,
    @Arg('after', () => String, AFTER) after?: string | null,
  ) {
    return this.filling.records.list(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => [FillingShiftTotal], { description: 'A station’s fills of one day, by shift, spec and scale.' })
  fillingShiftTotals(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { description: 'The filling station.' }) stationId: string,
    @Arg('day', () => LocalDate, { description: 'The shift date (fills of no order: the calendar day where the station is).' }) day: string,
  ) {
    return this.filling.records.shiftTotals(ctx.tenantId, stationId, day);
  }

  @Query(() => FillingReconciliation, {
    nullable: true,
    description: 'Kg a station filled over a period against the measured outflow of the tank it fills from; null for a station that is not one of yours.',
  })
  fillingReconciliation(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { description: 'The filling station.' }) stationId: string,
    @Arg('from', () => Date, { description: 'Start of the period.' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the period.' }) to: Date,
  ) {
    return this.filling.reconcile(ctx.tenantId, stationId, from, to);
  }

  @Mutation(() => FillingOrder, { description: 'Opens a filling order: fills of its spec at its station attach to it until it is closed.' })
  openFillingOrder(@Ctx() ctx: SubgraphContext, @Arg('input', () => OpenFillingOrderInput, { description: 'The order.' }) input: OpenFillingOrderInput) {
    return this.filling.orders.open(ctx, input);
  }

  @Mutation(() => FillingOrder, { description: 'Closes a filling order.' })
  closeFillingOrder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'An open order of your company.' }) id: string) {
    return this.filling.orders.close(ctx, id);
  }

  @FieldResolver(() => FillingTotals, { description: 'What its fills add up to.' })
  async totals(@Ctx() ctx: SubgraphContext, @Root() order: FillingOrder): Promise<FillingTotals> {
    const totals = await requestLoader(ctx, 'fillingTotals', (ids) => this.filling.orders.totals(ids)).load(order.id);
    return totals!;
  }

  @FieldResolver(() => FillingReconciliation, { description: 'Its kg filled against the source tank’s outflow from its opening to its closing (or now).' })
  reconciliation(@Ctx() ctx: SubgraphContext, @Root() order: FillingOrder) {
    return this.filling.reconcile(ctx.tenantId, order.stationId, order.openedAt, order.closedAt ?? new Date());
  }
}
