import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput, HearthError } from '@hearth/platform';
import { tableExists, tenantSitesAmong, type Database } from '@hearth/platform/db';
import { LocalDate, localDate, validateInput, type SubgraphContext } from '@hearth/platform/graphql';
import { z } from 'zod';
import { meterRow } from '../meter/meter.store';
import { ConsumptionBucket, ConsumptionBucketSize, MeterReconciliation, MeterStatement, SiteMeteringStatement, StatementPeriod } from './statement.types';
import { consumptionBuckets, meterPeriods, periodBounds, reconciliation, walletPeriod } from './statement.store';

/** At most this many buckets a chart asks for (HOUR over ~83 days). */
const MAX_BUCKETS = 2_000;

@Resolver()
export class MeterStatementResolver {
  constructor(private readonly db: Database) {}

  /** The caller's meter, or null: another company's meter reads as none at all, as `meter(id)` does. */
  private meter(ctx: SubgraphContext, meterId: string) {
    return meterRow(this.db, ctx.tenantId, meterId);
  }

  @Query(() => MeterStatement, {
    nullable: true,
    description: 'A meter’s day or month: registers, consumption, charges, top-ups and its wallet’s balances; null for a meter not the caller’s.',
  })
  async meterStatement(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('period', () => StatementPeriod, { description: 'A day or the month.' }) period: StatementPeriod,
    @Arg('day', () => LocalDate, { description: 'The day, or any day of the month.' }) day: string,
  ): Promise<MeterStatement | null> {
    validateInput(z.object({ day: localDate }), { day });
    const meter = await this.meter(ctx, meterId);
    if (!meter) return null;
    const bounds = await periodBounds(this.db, day, period === StatementPeriod.MONTH);
    const [row] = await meterPeriods(this.db, bounds.from, bounds.to, 'm.tenant_id = $3 AND m.id = $4', [ctx.tenantId, meter.id]);
    const wallet = meter.accountId
      ? await walletPeriod(this.db, ctx.tenantId, meter.accountId, meter.id, bounds.from, bounds.to)
      : { openingBalanceMinor: 0, closingBalanceMinor: 0, topUpsMinor: 0, chargesPostedMinor: 0 };
    const otherMovementsMinor = wallet.closingBalanceMinor - wallet.openingBalanceMinor - wallet.topUpsMinor + wallet.chargesPostedMinor;
    return { ...row!, ...wallet, ...bounds, meterId: meter.id, period, accountId: meter.accountId, otherMovementsMinor };
  }

  @Query(() => SiteMeteringStatement, {
    nullable: true,
    description: 'A site’s (a mall’s) meters over a month: each meter’s consumption and money, and the totals; null for a site not the caller’s.',
  })
  async siteMeteringStatement(
    @Ctx() ctx: SubgraphContext,
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('day', () => LocalDate, { description: 'Any day of the month.' }) day: string,
  ): Promise<SiteMeteringStatement | null> {
    validateInput(z.object({ day: localDate }), { day });
    if (!(await tenantSitesAmong(this.db, ctx.tenantId, [siteId])).size) return null;
    const month = day.slice(0, 7);
    const bounds = await periodBounds(this.db, `${month}-01`, true);
    const meters = await meterPeriods(this.db, bounds.from, bounds.to, 'm.tenant_id = $3 AND m.site_id = $4', [ctx.tenantId, siteId]);
    const sum = (f: (m: (typeof meters)[number]) => number, kind?: string) => meters.filter((m) => !kind || m.kind === kind).reduce((s, m) => s + f(m), 0);
    const units = (n: number) => Math.round(n * 1000) / 1000;
    return {
      siteId,
      month,
      meters,
      electricityKwh: units(sum((m) => m.consumed, 'ELECTRICITY')),
      gasM3: units(sum((m) => m.consumed, 'GAS')),
      chargedMinor: sum((m) => m.chargedMinor),
      paidMinor: sum((m) => m.paidMinor),
      unfundedMinor: sum((m) => m.unfundedMinor),
    };
  }

  @Query(() => [ConsumptionBucket], { description: 'A meter’s consumption by hour or day (company time) between two instants, for a chart.' })
  async meterConsumption(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('from', () => Date, { description: 'Start (included).' }) from: Date,
    @Arg('to', () => Date, { description: 'End (excluded).' }) to: Date,
    @Arg('bucket', () => ConsumptionBucketSize, { description: 'Hour or day.' }) bucket: ConsumptionBucketSize,
  ): Promise<ConsumptionBucket[]> {
    if (!(to > from)) throw badInput([{ field: 'to', message: 'must be after from' }]);
    if ((to.getTime() - from.getTime()) / (bucket === ConsumptionBucketSize.HOUR ? 3_600_000 : 86_400_000) > MAX_BUCKETS)
      throw new HearthError('LIMIT_EXCEEDED', `More than ${MAX_BUCKETS} buckets in that range; use DAY or a shorter range.`, { max: MAX_BUCKETS });
    const meter = await this.meter(ctx, meterId);
    if (!meter) return [];
    return consumptionBuckets(this.db, ctx.tenantId, meter.id, from, to, bucket);
  }

  @Query(() => MeterReconciliation, {
    nullable: true,
    description: 'What the meter itself last said was left on it against its wallet on the ledger; null for a meter not the caller’s.',
  })
  async meterReconciliation(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
  ): Promise<MeterReconciliation | null> {
    const meter = await this.meter(ctx, meterId);
    if (!meter) return null;
    const found = (await tableExists(this.db, 'twins.meter_reading'))
      ? await reconciliation(this.db, ctx.tenantId, meter.id, meter.accountId)
      : { reportedAt: null, meterRemainingMinor: null, ledgerBalanceMinor: null };
    const [current] = meter.accountId
      ? await this.db.query<{ b: number }>(`SELECT balance_minor::float8 AS b FROM ledger.account WHERE id = $1`, [meter.accountId])
      : [];
    const difference = found.meterRemainingMinor !== null && found.ledgerBalanceMinor !== null ? found.meterRemainingMinor - found.ledgerBalanceMinor : null;
    return { meterId: meter.id, ...found, differenceMinor: difference, currentBalanceMinor: current?.b ?? null };
  }
}
