import { Field, Int, ObjectType } from 'type-graphql';
import type { GatewayTwinState } from '../model/gateway-twin';
import { Alarm } from './alarm.type';

@ObjectType({ description: 'The live state of an IoT gateway: connected or not, since when, and its alarms.' })
export class GatewayTwin {
  @Field(() => Boolean, { description: 'Connected to the broker now (its Last Will or closing connection says when it goes).' }) online!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it last went online or offline.' }) since!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was last heard from.' }) lastSeenAt!: Date | null;
  @Field(() => Int, { description: 'Bumped by every change of connectivity or alarms.' }) version!: number;
  @Field(() => [Alarm], {
    description: 'Open alarms: GATEWAY_OFFLINE while it has been offline longer than the alarm delay (one per gateway, not per device).',
  })
  alarms!: Alarm[];
  /** Carried for the rejections resolver; not GraphQL fields. */
  gatewayId!: string;
  tenantId!: string;
}

export const toGatewayTwin = (s: GatewayTwinState): GatewayTwin => ({
  online: s.online,
  since: s.since,
  lastSeenAt: s.lastSeenAt,
  version: s.version,
  alarms: s.alarms,
  gatewayId: s.gatewayId,
  tenantId: s.tenantId,
});
