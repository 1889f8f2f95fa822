import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, Minor as SafeInt } from '@hearth/platform/graphql';

@ObjectType({ description: 'A fuel station (加油站): a site of yours that sells fuel from pumps, and how its controller may sell on cards offline.' })
@Directive('@key(fields: "id")')
export class FuelStation {
  @Field(() => ID, { description: 'Its site id (a `Site` of the tanks subgraph).' }) id!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Latitude, degrees (WGS 84); null when not recorded. Impossible travel between stations is judged from it.',
  })
  latitude!: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude, degrees (WGS 84); null when not recorded.' }) longitude!: number | null;
  @Field(() => Int, { description: 'How long, in minutes, its controller may keep selling on cards after it last confirmed a card list.' })
  offlineCardWindowMinutes!: number;
  // SafeInt (the scalar of minor units): a version is a bigint that may pass Int's 32 bits.
  @Field(() => SafeInt, { description: 'The card-list version (blacklist and greylist increments) its controller confirmed it holds; 0: none yet.' })
  cardListVersion!: number;
  @Field(() => Date, { nullable: true, description: 'When its controller confirmed that version; null: never.' }) cardListConfirmedAt!: Date | null;
  @Field(() => Date, { description: 'When it became a fuel station.' }) createdAt!: Date;
}

export const FuelStationConnection = ConnectionType(FuelStation, 'FuelStation');

/** The columns of `fueling.station` (aliased `s`) as a `FuelStation`. */
export const STATION_COLUMNS = `s.site_id::text AS id, s.latitude, s.longitude, s.offline_card_window_minutes AS "offlineCardWindowMinutes",
  s.card_list_version::float8 AS "cardListVersion", s.card_list_confirmed_at AS "cardListConfirmedAt", s.created_at AS "createdAt"`;
