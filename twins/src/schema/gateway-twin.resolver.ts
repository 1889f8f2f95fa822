import { ownedBy } from '@hearth/platform';
import { gatewaysByIds } from '@hearth/broker';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { emptyGatewayTwin } from '../model/gateway-twin';
import { Gateway } from './gateway.entity';
import { GatewayTwin, toGatewayTwin } from './gateway-twin.type';
import { MqttRejection, toMqttRejection } from './mqtt-rejection.type';
import type { TwinsDeps } from './twins-deps';

@Resolver(() => Gateway)
export class GatewayTwinResolver {
  constructor(private readonly deps: TwinsDeps) {}

  @FieldResolver(() => GatewayTwin, { nullable: true, description: 'The live twin; null for a gateway of another tenant or none at all.' })
  async twin(@Root() gateway: Gateway, @Ctx() ctx: SubgraphContext): Promise<GatewayTwin | null> {
    const state = ownedBy(this.deps.gateways.get(gateway.id), ctx.tenantId);
    if (state) return toGatewayTwin(state);
    // Provisioned but never connected: an offline twin, if the gateway is the caller's.
    const own = await requestLoader(ctx, 'ownGateways', (ids) => gatewaysByIds(this.deps.db, ctx.tenantId, ids)).load(gateway.id);
    return own ? toGatewayTwin(emptyGatewayTwin(gateway.id, ctx.tenantId)) : null;
  }
}

@Resolver(() => GatewayTwin)
export class GatewayRejectionsResolver {
  constructor(private readonly deps: TwinsDeps) {}

  @FieldResolver(() => [MqttRejection], {
    description: 'What it sent that the broker refused, per device and reason (unknown device ids included), most recent first.',
  })
  rejections(@Root() twin: GatewayTwin): MqttRejection[] {
    return this.deps.rejections.forGateway(twin.tenantId, twin.gatewayId).map(toMqttRejection);
  }
}
