import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'A site that fills cylinders: created, or changed when it is one already.' })
export class SaveFillingStationInput {
  @Field(() => ID, { description: 'The site (a `Site` of yours).' }) siteId!: string;
  @Field(() => String, { description: 'The company whose cylinders it fills, 1–64 characters (as on the cylinders’ `ownerCompany`).' }) company!: string;
  @Field(() => ID, { nullable: true, description: 'The tank it fills from; omitted or null: none recorded.' }) sourceTankId?: string | null;
}

@InputType({ description: 'A filling scale on a station’s line; registering an id again moves or renames it.' })
export class RegisterFillingScaleInput {
  @Field(() => ID, { description: 'The scale’s device id, 1–64 characters.' }) id!: string;
  @Field(() => ID, { description: 'The filling station (its site id).' }) stationId!: string;
  @Field(() => String, { description: 'Name on the line, 1–64 characters.' }) name!: string;
}

export const saveStationSchema = z.object({
  siteId: z.uuid(),
  company: z.string().trim().min(1).max(64),
  sourceTankId: z.uuid().nullish(),
});

export const registerScaleSchema = z.object({
  id: z.string().trim().min(1).max(64),
  stationId: z.uuid(),
  name: z.string().trim().min(1).max(64),
});
