import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { queryableOf } from '@hearth/platform/db';
import type { DataSource } from 'typeorm';
import { cylinderRotation, listHandovers, outstandingDeposits, shortWeightReport } from './handover-queries';
import { CylinderHandoverFilter, HandOverCylinderInput, SetHandoverSettingsInput, TakeBackCylinderInput } from './handover.input';
import type { HandoverService } from './handover.service';
import {
  CylinderHandover,
  CylinderHandoverConnection,
  CylinderReturn,
  CylinderRotation,
  HandoverSettings,
  OutstandingDeposit,
  ShortWeightReport,
} from './handover.types';

const IDEMPOTENT =
  'Repeating it with the same idempotency key does nothing and returns the first result (`replayed: true`); the same key with other fields is IDEMPOTENCY_KEY_REUSED.';

@Resolver()
export class HandoverResolver {
  constructor(
    private readonly service: HandoverService,
    private readonly data: DataSource,
  ) {}

  @Mutation(() => CylinderHandover, {
    description: `Hands a full cylinder to a customer with a deposit (posted on the ledger) or on loan until a due date, weighed for short weight. Refused for a blacklisted customer (CUSTOMER_BLACKLISTED) and for a cylinder not full in stock (INVALID_CYLINDER_TRANSITION). ${IDEMPOTENT}`,
  })
  handOverCylinder(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => HandOverCylinderInput, { description: 'Cylinder, customer, store and terms.' }) input: HandOverCylinderInput,
  ) {
    return this.service.handOver(ctx, input);
  }

  @Mutation(() => CylinderReturn, {
    description: `Takes a cylinder back from its customer at a store (RETURNED there): residual gas (退残) credited to the wallet at the spec’s residual price, the deposit paid back if asked (never more than held: INSUFFICIENT_FUNDS), a loan closed. ${IDEMPOTENT}`,
  })
  takeBackCylinder(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => TakeBackCylinderInput, { description: 'Cylinder, store, weight and refund.' }) input: TakeBackCylinderInput,
  ) {
    return this.service.takeBack(ctx, input);
  }

  @Mutation(() => HandoverSettings, { description: 'Sets a spec’s residual gas price and short-weight tolerance for your company.' })
  setHandoverSettings(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => SetHandoverSettingsInput, { description: 'The spec and what to set.' }) input: SetHandoverSettingsInput,
  ) {
    return this.service.setSettings(ctx, input);
  }

  @Query(() => HandoverSettings, { nullable: true, description: 'A spec’s hand-over settings in force; null for an unknown spec.' })
  handoverSettings(@Ctx() ctx: SubgraphContext, @Arg('specCode', () => String, { description: 'The spec.' }) specCode: string) {
    return this.service.settings(ctx.tenantId, specCode);
  }

  @Query(() => CylinderHandoverConnection, { description: 'Hand-overs, newest first.' })
  cylinderHandovers(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => CylinderHandoverFilter, { nullable: true, description: 'Which hand-overs; omitted: all.' }) filter: CylinderHandoverFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size (1–200).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
  ) {
    return listHandovers(queryableOf(this.data.manager), ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => [OutstandingDeposit], { description: 'Customers holding cylinders, loans or deposits (by card number, up to 200).' })
  outstandingDeposits(
    @Ctx() ctx: SubgraphContext,
    @Arg('customerId', () => ID, { nullable: true, description: 'Only this customer.' }) customerId: string | null,
  ) {
    return outstandingDeposits(queryableOf(this.data.manager), ctx.tenantId, customerId, 200);
  }

  @Query(() => CylinderRotation, { description: 'How cylinders turn over: days at customers, cylinders per customer, idle stock.' })
  cylinderRotation(
    @Ctx() ctx: SubgraphContext,
    @Arg('siteId', () => ID, { nullable: true, description: 'One store (hand-overs from it, stock at it); omitted: all.' }) siteId: string | null,
    @Arg('idleDays', () => Int, { defaultValue: 30, description: 'In stock untouched longer than this is idle (days, 1–3650).' }) idleDays: number,
  ) {
    return cylinderRotation(queryableOf(this.data.manager), ctx.tenantId, siteId, idleDays);
  }

  @Query(() => ShortWeightReport, { description: 'Short weight in [from, to), by store and by driver.' })
  shortWeightReport(
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => Date, { description: 'From (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'To (exclusive).' }) to: Date,
  ) {
    return shortWeightReport(queryableOf(this.data.manager), ctx.tenantId, from, to);
  }
}
