import { Field, ID, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import type { Queryable } from '@hearth/platform/db';
import { DEFAULT_CYLINDER_TIME_ZONE } from '@hearth/platform/domain';
import { localDate, validateInput } from '@hearth/platform/graphql';

@ObjectType({ description: 'What moved through one site on one calendar day, counted from the cylinders’ log.' })
export class SiteCylinderFlows {
  @Field(() => ID, { description: 'The site.' }) siteId!: string;
  @Field(() => Int, { description: 'Cylinders filled at its scales.' }) fills!: number;
  @Field(() => Int, { description: 'Cylinders loaded onto trucks leaving it under transfer orders.' }) dispatched!: number;
  @Field(() => Int, { description: 'Cylinders signed for on arrival under transfer orders.' }) received!: number;
  @Field(() => Int, { description: 'Cylinders handed to customers.' }) handedOver!: number;
  @Field(() => Int, { description: 'Cylinders taken back from customers (退残).' }) takenBack!: number;
}

/** The log's events counted as flows, and the column each goes to. */
const FLOW_EVENTS = { FILL: 'fills', DISPATCH: 'dispatched', RECEIVE: 'received', HAND_OVER: 'handedOver', TAKE_BACK: 'takenBack' } as const;

const argsSchema = z.object({ day: localDate, siteId: z.uuid().nullish() });

/**
 * One GROUP BY over the log (`cylinder_event_tenant_day`: tenant, event, time) for the calendar
 * day in the trade's time zone, the same bounds as a station's shift totals of fills of no order.
 * Sites with no flow that day have no row.
 */
export async function cylinderFlows(
  q: Queryable,
  tenantId: string,
  day: string,
  siteId?: string | null,
  timeZone = DEFAULT_CYLINDER_TIME_ZONE,
): Promise<SiteCylinderFlows[]> {
  const v = validateInput(argsSchema, { day, siteId });
  const counts = Object.entries(FLOW_EVENTS).map(([event, column]) => `count(*) FILTER (WHERE event = '${event}')::int AS "${column}"`);
  return q.query<SiteCylinderFlows>(
    `SELECT site_id::text AS "siteId", ${counts.join(', ')}
       FROM cylinders.cylinder_event
      WHERE tenant_id = $1 AND event = ANY($2::text[]) AND site_id IS NOT NULL AND ($5::uuid IS NULL OR site_id = $5::uuid)
        AND at >= ($3::date::timestamp AT TIME ZONE $4) AND at < (($3::date + 1)::timestamp AT TIME ZONE $4)
      GROUP BY site_id ORDER BY site_id`,
    [tenantId, Object.keys(FLOW_EVENTS), v.day, timeZone, v.siteId ?? null],
  );
}
