import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { isUuid, type Queryable } from '@hearth/platform/db';
import { contentOf, type CylinderState } from '@hearth/platform/domain';
import { LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import { cylinderFlows, SiteCylinderFlows } from './cylinder-flows';

@ObjectType({ description: 'Cylinders of one spec at one site, by content.' })
export class SiteCylinderStock {
  @Field(() => ID, { description: 'The site.' }) siteId!: string;
  @Field(() => String, { description: 'The spec.' }) specCode!: string;
  @Field(() => Int, { description: 'Full: filled, or in full stock.' }) full!: number;
  @Field(() => Int, { description: 'Empty: registered, in empty stock, or returned (residual gas).' }) empty!: number;
  @Field(() => Int, { description: 'At the periodic inspection.' }) inspection!: number;
}

@ObjectType({ description: 'Cylinder stock, counted from the cylinders themselves: exact after every committed step.' })
export class CylinderStock {
  @Field(() => [SiteCylinderStock], { description: 'By site and spec.' }) sites!: SiteCylinderStock[];
  @Field(() => Int, { description: 'Travelling full under transfer orders (all sites).' }) inTransitFull!: number;
  @Field(() => Int, { description: 'Travelling empty under transfer orders (all sites).' }) inTransitEmpty!: number;
  @Field(() => Int, { description: 'Held by customers.' }) atCustomers!: number;
}

/** The key of cylinders at no site (in transit, at a customer) in the counters. */
const NO_SITE = '00000000-0000-0000-0000-000000000000';

/**
 * From the stock counters the database keeps in the statement that moves a cylinder (migration
 * 0007): a site's rows, or every site's, plus those in transit and at customers (no site). Lost and
 * scrapped cylinders are in no stock.
 */
export async function cylinderStock(q: Queryable, tenantId: string, siteId?: string | null): Promise<CylinderStock> {
  if (siteId && !isUuid(siteId)) return { sites: [], inTransitFull: 0, inTransitEmpty: 0, atCustomers: 0 };
  const counted = await q.query<{ siteId: string; specCode: string; state: CylinderState; full: boolean; n: number }>(
    `SELECT site_key::text AS "siteId", spec_code AS "specCode", state, "full", n::int AS n
       FROM cylinders.stock_count
      WHERE tenant_id = $1 AND n > 0 AND state NOT IN ('LOST', 'SCRAPPED') AND ($2::uuid IS NULL OR site_key = $2 OR site_key = $3)`,
    [tenantId, siteId ?? null, NO_SITE],
  );
  const rows = counted.map((r) => ({ ...r, siteId: r.siteId === NO_SITE ? null : r.siteId }));
  const stock: CylinderStock = { sites: [], inTransitFull: 0, inTransitEmpty: 0, atCustomers: 0 };
  const bySite = new Map<string, SiteCylinderStock>();
  for (const r of rows) {
    if (r.state === 'IN_TRANSIT') {
      if (r.full) stock.inTransitFull += r.n;
      else stock.inTransitEmpty += r.n;
    } else if (r.state === 'AT_CUSTOMER') stock.atCustomers += r.n;
    else if (r.siteId) {
      const key = `${r.siteId} ${r.specCode}`;
      let line = bySite.get(key);
      if (!line) bySite.set(key, (line = { siteId: r.siteId, specCode: r.specCode, full: 0, empty: 0, inspection: 0 }));
      // In inspection apart; the rest by what they hold (the lifecycle's `contentOf`).
      if (r.state === 'INSPECTION') line.inspection += r.n;
      else if (contentOf(r.state) === 'FULL') line.full += r.n;
      else line.empty += r.n;
    }
  }
  stock.sites = [...bySite.values()].sort((a, b) => a.siteId.localeCompare(b.siteId) || a.specCode.localeCompare(b.specCode));
  return stock;
}

@Resolver()
export class CylinderStockResolver {
  constructor(private readonly db: Queryable) {}

  @Query(() => CylinderStock, { description: 'Full and empty cylinders by site and spec, with those in transit and at customers.' })
  cylinderStock(
    @Ctx() ctx: SubgraphContext,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only this site’s stock (transit and customer totals stay company-wide); omitted: every site’s.' })
    siteId?: string | null,
  ) {
    return cylinderStock(this.db, ctx.tenantId, siteId);
  }

  @Query(() => [SiteCylinderFlows], { description: 'Cylinders filled, dispatched, received, handed over and taken back at each site on one day.' })
  cylinderFlows(
    @Ctx() ctx: SubgraphContext,
    @Arg('day', () => LocalDate, { description: 'The calendar day where the cylinders are (Asia/Shanghai).' }) day: string,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only this site’s flows; omitted: every site’s that had any.' }) siteId?: string | null,
  ) {
    return cylinderFlows(this.db, ctx.tenantId, day, siteId);
  }
}
