import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { isUuid, timeKeyedPage, type Database } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { z } from 'zod';
import { FuelSale, FuelSaleConnection, FuelSaleFilter, SALE_COLUMNS } from './sale.types';

const filterSchema = z.object({
  stationId: z.string().nullish(),
  cardId: z.string().nullish(),
  cardNumber: z
    .string()
    .regex(/^[0-9]{1,19}$/, 'digits only')
    .nullish(),
  pumpId: z.string().max(64).nullish(),
  since: z.date().nullish(),
  anomalous: z.boolean().nullish(),
});

@Resolver(() => FuelSale)
export class FuelSaleResolver {
  constructor(private readonly db: Database) {}

  @Query(() => FuelSaleConnection, { description: 'Settled sales, newest first (by when fuelling ended).' })
  fuelTransactions(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => FuelSaleFilter, { nullable: true, description: 'Which sales.' }) filter: FuelSaleFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last sale of the page before.' }) after?: string | null,
  ) {
    const f = validateInput(filterSchema, filter ?? {});
    // Ids that are not ids match nothing (as another company's would), rather than failing the query.
    const uuidOrNone = (id: string | null | undefined) => (id == null ? null : isUuid(id) ? id : '00000000-0000-0000-0000-000000000000');
    return timeKeyedPage<FuelSale>(
      this.db,
      {
        select: SALE_COLUMNS,
        from: 'fueling.sale',
        where: `tenant_id = $1 AND ($2::uuid IS NULL OR station_id = $2) AND ($3::uuid IS NULL OR card_id = $3) AND ($4::text IS NULL OR pump_id = $4)
                AND ($5::timestamptz IS NULL OR ended_at >= $5) AND (NOT coalesce($6::boolean, false) OR anomalies <> '[]'::jsonb)
                AND ($7::text IS NULL OR card_number = $7)`,
        params: [ctx.tenantId, uuidOrNone(f.stationId), uuidOrNone(f.cardId), f.pumpId ?? null, f.since ?? null, f.anomalous ?? null, f.cardNumber ?? null],
        time: 'ended_at',
        id: 'id',
      },
      first,
      after,
    );
  }
}
