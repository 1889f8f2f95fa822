import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CylinderStateEnum, LocalDate } from '@hearth/platform/graphql';
import { ImportProblem } from '@hearth/platform/import';
import type { CylinderState } from '@hearth/platform/domain';

@ObjectType({ description: 'A cylinder’s last fill.' })
export class LastFill {
  @Field(() => Date, { description: 'When it was filled.' }) at!: Date;
  @Field(() => ID, { description: 'The filling station (site id).' }) stationId!: string;
  @Field(() => Float, { description: 'Net weight filled, kg.' }) netKg!: number;
}

/**
 * A cylinder of the registry (钢瓶档案). Fields that are not columns (spec, content, design life,
 * holder, location, last fill, history) are resolved in `cylinder-fields.resolver.ts`.
 */
@ObjectType({ description: 'A steel LPG cylinder on your registry (钢瓶档案) and where it is in its life.' })
@Directive('@key(fields: "id")')
export class Cylinder {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'Serial stamped on the collar (钢印号), unique in your company.' }) serial!: string;
  @Field(() => String, { description: 'RFID EPC or QR code, unique everywhere.' }) tag!: string;
  specCode!: string;
  @Field(() => CylinderStateEnum, { description: 'Where it is in its life.' }) state!: CylinderState;
  @Field(() => String, { description: 'Maker.' }) manufacturer!: string;
  @Field(() => LocalDate, { description: 'Manufacture date stamped on it.' }) manufacturedOn!: string;
  @Field(() => Int, { description: 'Design life in years, from its stamp.' }) designLifeYears!: number;
  @Field(() => LocalDate, { nullable: true, description: 'Last periodic inspection passed; null: none since manufacture.' }) lastInspectedOn!: string | null;
  @Field(() => LocalDate, { description: 'Next periodic inspection due; it may be filled up to and on this day.' }) nextInspectionDue!: string;
  @Field(() => String, { description: 'The company that owns it: only its stations fill it.' }) ownerCompany!: string;
  fixedStationId!: string | null;
  locationSiteId!: string | null;
  holderCustomerId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The transfer order carrying it; null unless in transit.' }) transferOrderId!: string | null;
  inTransitFull!: boolean | null;
  lastFilledAt!: Date | null;
  lastFillStationId!: string | null;
  lastNetKg!: number | null;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType({ description: 'The outcome of a cylinder import: all rows registered, or none and every problem by row.' })
export class CylinderImport {
  @Field(() => Int, { description: 'Data rows in the file.' }) rows!: number;
  @Field(() => Int, { description: 'Rows imported: all, or 0 when any row has a problem.' }) imported!: number;
  @Field(() => Int, { description: 'Rows with a problem.' }) rejectedRows!: number;
  @Field(() => [ImportProblem], { description: 'Every problem by row (at most 1,000 listed).' }) problems!: ImportProblem[];
  @Field(() => ID, { description: 'This import’s id: each cylinder it registered has a REGISTER event with ref `import:<id>`.' }) importId!: string;
}

/** The columns of `cylinders.cylinder` (alias `c`) as a `Cylinder`. */
export const CYLINDER_COLUMNS = `c.id::text AS id, c.serial, c.tag, c.spec_code AS "specCode", c.state, c.manufacturer,
  c.manufactured_on::text AS "manufacturedOn", c.design_life_years AS "designLifeYears", c.last_inspected_on::text AS "lastInspectedOn",
  c.next_inspection_due::text AS "nextInspectionDue", c.owner_company AS "ownerCompany", c.fixed_station_id::text AS "fixedStationId",
  c.location_site_id::text AS "locationSiteId", c.holder_customer_id::text AS "holderCustomerId", c.transfer_order_id::text AS "transferOrderId",
  c.in_transit_full AS "inTransitFull", c.last_filled_at AS "lastFilledAt", c.last_fill_station_id::text AS "lastFillStationId",
  c.last_net_kg AS "lastNetKg", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
