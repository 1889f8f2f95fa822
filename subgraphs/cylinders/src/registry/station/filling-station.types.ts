import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A filling station (充装站): a site whose scales fill cylinders of one company.' })
export class FillingStation {
  @Field(() => ID, { description: 'Its site id (a `Site` of the tanks subgraph).' }) siteId!: string;
  @Field(() => String, { description: 'The company whose cylinders it fills: others are refused at the scale (FOREIGN_OWNER).' }) company!: string;
  @Field(() => ID, { nullable: true, description: 'The tank it fills from: shift totals reconcile against it.' }) sourceTankId!: string | null;
}

@ObjectType({ description: 'A filling scale on a station’s line: a device of kind `scale` that an RFID reader locks and releases.' })
@Directive('@key(fields: "id")')
export class FillingScale {
  @Field(() => ID, { description: 'Its device id.' }) id!: string;
  @Field(() => ID, { description: 'The filling station (site id) it stands at.' }) stationId!: string;
  @Field(() => String, { description: 'Name on the line (`Scale 3`).' }) name!: string;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
}

export const STATION_COLUMNS = `site_id::text AS "siteId", company, source_tank_id::text AS "sourceTankId"`;
export const SCALE_COLUMNS = `id, station_id::text AS "stationId", name, created_at AS "createdAt"`;
