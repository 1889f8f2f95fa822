import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CustomerReference, requestLoader, SafeInt, SiteReference, siteRef, type SubgraphContext } from '@hearth/platform/graphql';
import { ImportFormat } from '@hearth/platform/import';
import { getAccounts } from '@hearth/platform/ledger';
import { tariffLoader } from '../tariff/tariff-loaders';
import { Tariff } from '../tariff/tariff.types';
import { MeterFilter, MeterImportDefaults, RegisterMeterInput } from './meter.input';
import type { MeterService } from './meter.service';
import { meterBySerial, type MeterRow } from './meter.store';
import { Meter, MeterConnection, MeterImport } from './meter.types';

/** Meters by id, one query per request (lists' nested fields and the gateway's `_entities`). */
export const meterLoader = (ctx: SubgraphContext, meters: MeterService) => requestLoader(ctx, 'meter', (ids) => meters.byIds(ctx.tenantId, ids));

@Resolver(() => Meter)
export class MeterResolver {
  constructor(private readonly service: MeterService) {}

  @Query(() => MeterConnection, { description: 'Your meters, in the order they were registered.' })
  meters(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => MeterFilter, { nullable: true, description: 'Which meters.' }) filter: MeterFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ) {
    return this.service.list(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => Meter, { nullable: true, description: 'One of your meters; null for any other id.' })
  meter(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The meter’s id.' }) id: string) {
    return meterLoader(ctx, this.service).load(id);
  }

  @Query(() => Meter, { nullable: true, description: 'One of your meters by its serial (an electricity meter’s DL/T 645 address); null when none.' })
  meterBySerial(@Ctx() ctx: SubgraphContext, @Arg('serial', () => String, { description: 'The serial, as on its nameplate.' }) serial: string) {
    return meterBySerial(this.service.db, ctx.tenantId, serial);
  }

  @Mutation(() => Meter, { description: 'Registers a meter (unbound: bind it to a customer and a tariff with `bindMeter`).' })
  registerMeter(@Ctx() ctx: SubgraphContext, @Arg('input', () => RegisterMeterInput, { description: 'The meter.' }) input: RegisterMeterInput) {
    return this.service.register(ctx, input);
  }

  @Mutation(() => MeterImport, {
    description:
      'Registers many meters in one go (columns `kind, serial, name, siteId`; up to 10,000 rows): all rows, or none and every problem by row and column.',
  })
  importMeters(
    @Ctx() ctx: SubgraphContext,
    @Arg('format', () => ImportFormat, { description: 'How `data` is written.' }) format: ImportFormat,
    @Arg('data', () => String, { description: 'The file’s contents.' }) data: string,
    @Arg('defaults', () => MeterImportDefaults, { nullable: true, description: 'Values for cells left empty, or columns left out.' })
    defaults?: MeterImportDefaults | null,
  ): Promise<MeterImport> {
    return this.service.importFile(ctx, format, data, defaults);
  }

  @Mutation(() => Meter, {
    description:
      'Binds a meter to a customer (charged to their wallet, the one all their money is kept in) and a tariff of the meter’s kind; a bound meter is rebound. A blacklisted customer is refused.',
  })
  bindMeter(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('customerId', () => ID, { description: 'The customer who pays for it.' }) customerId: string,
    @Arg('tariffId', () => ID, { description: 'The tariff it is charged by (of the meter’s kind).' }) tariffId: string,
  ) {
    return this.service.bind(ctx, meterId, customerId, tariffId);
  }

  @Mutation(() => Meter, {
    description: 'Protects a meter’s supply (保电: never cut off for money while protected), or lifts the protection. Audited.',
  })
  setMeterSupplyProtection(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('protected', () => Boolean, { description: 'true: protect its supply; false: lift the protection.' }) isProtected: boolean,
    @Arg('reason', () => String, { nullable: true, description: 'Why (required to protect, 1–200 characters): a hospital, an event, a dispute.' })
    reason?: string | null,
    @Arg('until', () => Date, { nullable: true, description: 'When the protection ends by itself; omitted: when lifted.' }) until?: Date | null,
  ) {
    return this.service.setSupplyProtection(ctx, meterId, { protected: isProtected, reason, until });
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The site it stands at (name and address come from the tanks subgraph).' })
  site(@Root() meter: MeterRow) {
    return siteRef(meter.siteId);
  }

  @FieldResolver(() => CustomerReference, { nullable: true, description: 'The customer it is bound to; null while unbound.' })
  customer(@Root() meter: MeterRow) {
    return meter.customerId ? { id: meter.customerId } : null;
  }

  @FieldResolver(() => Tariff, { nullable: true, description: 'The tariff it is charged by; null while unbound.' })
  tariff(@Root() meter: MeterRow, @Ctx() ctx: SubgraphContext) {
    return meter.tariffId ? tariffLoader(ctx, this.service.db).load(meter.tariffId) : null;
  }

  @FieldResolver(() => SafeInt, {
    nullable: true,
    description:
      'Its wallet’s balance now, in minor units (fen): what is left to consume, emergency credit lent included (see emergencyCreditOutstandingMinor); null while unbound.',
  })
  async balanceMinor(@Root() meter: MeterRow, @Ctx() ctx: SubgraphContext) {
    if (!meter.accountId) return null;
    const account = await requestLoader(ctx, 'meter-wallet', (ids) => getAccounts(this.service.db, ctx.tenantId, ids)).load(meter.accountId);
    return account?.balanceMinor ?? null;
  }

  @FieldResolver(() => Meter, { nullable: true, description: 'The meter that replaced it; null while in service.' })
  replacedBy(@Root() meter: MeterRow, @Ctx() ctx: SubgraphContext) {
    return meter.replacedById ? meterLoader(ctx, this.service).load(meter.replacedById) : null;
  }
}
