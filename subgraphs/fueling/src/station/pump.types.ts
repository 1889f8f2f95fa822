import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A nozzle of a pump: the grade it delivers and the tank it draws from.' })
export class Nozzle {
  @Field(() => Int, { description: 'Its number on the pump, 1–8 (the IFSF logical nozzle).' }) number!: number;
  /** Resolved to `grade` by the nozzle resolver. */
  gradeCode!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The underground tank (a `Tank` of the tanks subgraph, at the same site) it draws from; null when not recorded.',
  })
  tankId!: string | null;
}

@ObjectType({ description: 'A pump (IFSF fuelling point) on a dispenser at a fuel station: a device of kind `pump`, its id the device id.' })
@Directive('@key(fields: "id")')
export class Pump {
  @Field(() => ID, { description: 'Its device id, unique across companies.' }) id!: string;
  /** Resolved to `station` by the pump resolver. */
  stationId!: string;
  @Field(() => String, { description: 'The dispenser it is on, as labelled on the forecourt (`D2`).' }) dispenser!: string;
  @Field(() => String, { description: 'Its name (`Pump 3`), as on the dispenser.' }) name!: string;
  @Field(() => [Nozzle], { description: 'Its nozzles by number (at most 8).' }) nozzles!: Nozzle[];
  @Field(() => Date, { description: 'When it was first registered.' }) createdAt!: Date;
}

/** The columns of `fueling.pump` (aliased `p`) as a `Pump`, its nozzles with it. */
export const PUMP_COLUMNS = `p.id, p.station_id::text AS "stationId", p.dispenser, p.name, p.created_at AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('number', n.number, 'gradeCode', n.grade_code, 'tankId', n.tank_id) ORDER BY n.number)
    FROM fueling.nozzle n WHERE n.tenant_id = p.tenant_id AND n.pump_id = p.id), '[]'::json) AS nozzles`;
