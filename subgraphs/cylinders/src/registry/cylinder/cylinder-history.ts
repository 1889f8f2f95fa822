import { Field, ID, ObjectType } from 'type-graphql';
import { timeKeyedPage, type Queryable } from '@hearth/platform/db';
import { ConnectionType, CylinderStateEnum, type Connection } from '@hearth/platform/graphql';
import type { CylinderState } from '@hearth/platform/domain';
import { CylinderEventTypeEnum, type CylinderLogEvent } from './cylinder.enums';

@ObjectType({ description: 'One entry of a cylinder’s log: what happened, who did it, where, with which device, when (kept three years).' })
export class CylinderEventRecord {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => Date, { description: 'When it happened.' }) at!: Date;
  @Field(() => CylinderEventTypeEnum, { description: 'What happened.' }) event!: CylinderLogEvent;
  @Field(() => CylinderStateEnum, { nullable: true, description: 'State before; null when it was registered.' }) fromState!: CylinderState | null;
  @Field(() => CylinderStateEnum, { description: 'State after.' }) toState!: CylinderState;
  @Field(() => ID, { nullable: true, description: 'The site where it happened.' }) siteId!: string | null;
  @Field(() => String, { nullable: true, description: 'The device that saw it (a scale, a reader).' }) deviceId!: string | null;
  @Field(() => String, { description: '`user:<id>`, `apiKey:<id>` or `service:<id>`.' }) actor!: string;
  @Field(() => String, { nullable: true, description: 'The document it belongs to: `transfer:<id>`, `fill:<id>`, `import:<id>` …' }) ref!: string | null;
  @Field(() => String, { description: 'Details as a JSON object (a reason, changed fields).' }) details!: string;
}

export const CylinderEventConnection = ConnectionType(CylinderEventRecord, 'CylinderEventRecord');

/** A cylinder's log, newest first, a page at a time (keyset on time and id). */
export function cylinderHistory(
  q: Queryable,
  tenantId: string,
  cylinderId: string,
  firstArg: number,
  after?: string | null,
): Promise<Connection<CylinderEventRecord>> {
  return timeKeyedPage<CylinderEventRecord>(
    q,
    {
      select: `id::text, at, event, from_state AS "fromState", to_state AS "toState", site_id::text AS "siteId", device_id AS "deviceId", actor, ref,
               details::text AS details`,
      from: 'cylinders.cylinder_event',
      where: 'tenant_id = $1 AND cylinder_id = $2',
      params: [tenantId, cylinderId],
      time: 'at',
      id: 'id',
    },
    firstArg,
    after,
  );
}
