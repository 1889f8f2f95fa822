import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'A site that sells fuel: made a fuel station, or changed when it is one already (omitted fields stay as they are).' })
export class SaveFuelStationInput {
  @Field(() => ID, { description: 'The site (a `Site` of yours).' }) siteId!: string;
  @Field(() => Float, { nullable: true, description: 'Latitude, −90 to 90 degrees (WGS 84); null clears it. Give it with the longitude.' })
  latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude, −180 to 180 degrees (WGS 84); null clears it.' }) longitude?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Minutes its controller may sell on cards after last confirming a card list, 0–10080 (a week); 0: never offline. New stations: 60.',
  })
  offlineCardWindowMinutes?: number | null;
}

export const saveStationSchema = z
  .object({
    siteId: z.uuid('a site id (uuid)'),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    offlineCardWindowMinutes: z.number().int().min(0).max(10_080, 'at most 10080 minutes (a week)').nullish(),
  })
  // A position is a pair: half of one would place the station on the equator or the meridian.
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined) && (v.latitude === null) === (v.longitude === null), {
    message: 'give latitude and longitude together (both null to clear the position)',
    path: ['latitude'],
  });
