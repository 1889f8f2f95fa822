import { Arg, Ctx, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isUuid, timeKeyedPage, type Database } from '@hearth/platform/db';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { Meter } from '../meter/meter.types';
import type { ChargeSettings, TariffVersionsLoader } from './charge-readings';
import { CHARGE_COLUMNS, MeterCharge, MeterChargeConnection } from './charge.types';
import { replaceMeter } from './replace-meter';

const NO_METER = '00000000-0000-0000-0000-000000000000';

@Resolver(() => MeterCharge)
export class MeterChargeResolver {
  constructor(
    private readonly db: Database,
    private readonly settings: ChargeSettings,
    private readonly versionsOf: TariffVersionsLoader,
  ) {}

  @Query(() => MeterChargeConnection, { description: 'A meter’s readings as charged, newest first (by reading time); empty for a meter not yours.' })
  async meterCharges(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last charge of the page before.' }) after?: string | null,
  ) {
    const page = await timeKeyedPage<MeterCharge & { pieces: (MeterCharge['pieces'][number] & { from: unknown; to: unknown })[] }>(
      this.db,
      {
        select: CHARGE_COLUMNS,
        from: 'metering.charge',
        where: 'tenant_id = $1 AND meter_id = $2',
        params: [ctx.tenantId, isUuid(meterId) ? meterId : NO_METER],
        time: 'observed_at',
        id: 'id',
      },
      first,
      after,
    );
    for (const { node } of page.edges) node.pieces = node.pieces.map((p) => ({ ...p, from: new Date(String(p.from)), to: new Date(String(p.to)) }));
    return page;
  }

  @Mutation(() => Meter, {
    description:
      'Replaces a meter’s device in place (same meter, twin and history): the old device’s final register is charged now, the new device’s initial register is where charging starts. Audited.',
  })
  replaceMeter(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('newSerial', () => String, { description: 'The new device’s address (12 digits for DL/T 645 electricity meters).' }) newSerial: string,
    @Arg('finalRegister', () => Float, { description: 'The old device’s register when removed, kWh or m³.' }) finalRegister: number,
    @Arg('initialRegister', () => Float, { description: 'The new device’s register when fitted, kWh or m³.' }) initialRegister: number,
  ) {
    return replaceMeter(this.db, ctx, { meterId, newSerial, finalRegister, initialRegister }, this.settings, this.versionsOf);
  }
}
