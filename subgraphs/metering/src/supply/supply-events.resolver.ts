import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { isUuid, keysetCount, keysetPage, timeKeyAfter, timeKeySql, type Database, type KeysetQuery } from '@hearth/platform/db';
import { ConnectionType, decodeCursor, requestLoader, SafeInt, toConnection, checkPageSize, type SubgraphContext } from '@hearth/platform/graphql';
import { Meter } from '../meter/meter.types';

export enum SupplyEventAction {
  NOTIFY_ALARM1 = 'NOTIFY_ALARM1',
  ALARM = 'ALARM',
  ALARM_RELEASE = 'ALARM_RELEASE',
  TRIP = 'TRIP',
  ALLOW_CLOSE = 'ALLOW_CLOSE',
  CLOSE = 'CLOSE',
}
registerEnumType(SupplyEventAction, {
  name: 'SupplyEventAction',
  description: 'What the metering service decided for a meter’s supply (the twins carry it out once).',
  valuesConfig: {
    NOTIFY_ALARM1: { description: 'Alarm 1: the customer is told (event METER_BALANCE_LOW).' },
    ALARM: { description: 'Alarm 2: the meter sounds its alarm (DL/T 645 2A).' },
    ALARM_RELEASE: { description: 'The balance is back above alarm 2: the meter stops its alarm (2B).' },
    TRIP: { description: 'The relay is tripped (1A).' },
    ALLOW_CLOSE: { description: 'The customer may close the relay (1B).' },
    CLOSE: { description: 'The relay is closed (1C).' },
  },
});

@ObjectType({ description: 'One supply decision about a meter: an alarm or a relay command, and why.' })
export class MeterSupplyEvent {
  @Field(() => ID, { description: 'Stable id (the `supplyEventId` its command carries).' }) id!: string;
  @Field(() => ID, { description: 'The meter.' }) meterId!: string;
  @Field(() => SupplyEventAction, { description: 'What was decided.' }) action!: SupplyEventAction;
  @Field(() => String, {
    description:
      'Why: BALANCE_ALARM1, BALANCE_ALARM2, BALANCE_RESTORED (back above alarm 2), BALANCE_FLOOR, TOP_UP, SUPPLY_PROTECTED (reconnected by protected supply whatever the balance), PROTECTION_ENDED or OPERATOR.',
  })
  reason!: string;
  @Field(() => SafeInt, { nullable: true, description: 'The wallet’s balance it was decided on, fen.' }) balanceMinor!: number | null;
  @Field(() => Date, { description: 'When it was decided.' }) createdAt!: Date;
}

export const MeterSupplyEventConnection = ConnectionType(MeterSupplyEvent, 'MeterSupplyEvent');

const NO_METER = '00000000-0000-0000-0000-000000000000';
const isBigserial = (id: string) => /^[1-9][0-9]{0,18}$/.test(id) && BigInt(id) <= 9223372036854775807n;

@Resolver(() => Meter)
export class MeterSupplyResolver {
  constructor(private readonly db: Database) {}

  @Query(() => MeterSupplyEventConnection, {
    description: 'A meter’s supply decisions (alarms, trips, reconnections), newest first; empty for a meter not yours.',
  })
  async meterSupplyEvents(
    @Ctx() ctx: SubgraphContext,
    @Arg('meterId', () => ID, { description: 'The meter.' }) meterId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) firstArg: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last decision of the page before.' }) after?: string | null,
  ) {
    const first = checkPageSize(firstArg);
    const query: KeysetQuery = {
      // Qualified: an ORDER BY of a bare `id` would sort the text output column of that name.
      select: `e.id::text AS id, e.meter_id::text AS "meterId", e.action, e.reason, e.balance_minor::float8 AS "balanceMinor", e.created_at AS "createdAt",
               ${timeKeySql('e.created_at')} AS "timeKey$"`,
      from: 'metering.supply_event e',
      where: 'e.tenant_id = $1 AND e.meter_id = $2',
      params: [ctx.tenantId, isUuid(meterId) ? meterId : NO_METER],
      key: [
        { column: 'e.created_at', type: 'timestamptz' },
        { column: 'e.id', type: 'bigint' },
      ],
      direction: 'DESC',
    };
    const cursor = after ? timeKeyAfter(decodeCursor(after, 2), isBigserial) : undefined;
    const rows = await keysetPage<MeterSupplyEvent & { timeKey$: string }>(this.db, query, first + 1, cursor);
    return toConnection(
      rows,
      first,
      await keysetCount(this.db, query),
      Boolean(after),
      (r) => [r.timeKey$, r.id],
      ({ timeKey$: _key, ...event }) => event,
    );
  }

  @FieldResolver(() => SafeInt, {
    description: 'Emergency credit lent to it and not repaid yet, fen (0: none): later top-ups of its wallet repay it a share at a time.',
  })
  async emergencyCreditOutstandingMinor(@Root() meter: Meter, @Ctx() ctx: SubgraphContext): Promise<number> {
    const loader = requestLoader(ctx, 'meter-emergency-credit', async (ids) => {
      const rows = await this.db.query<{ id: string; outstanding: number }>(
        `SELECT meter_id::text AS id, outstanding_minor::float8 AS outstanding FROM metering.emergency_credit
          WHERE tenant_id = $1 AND meter_id = ANY($2::uuid[]) AND recovered_minor < granted_minor`,
        [ctx.tenantId, ids.filter(isUuid)],
      );
      return new Map(rows.map((r) => [r.id, r.outstanding]));
    });
    return (await loader.load(meter.id)) ?? 0;
  }
}
