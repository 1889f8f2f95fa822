import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize, requestLoader, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { fromKind } from '../schema/device-kind.enum';
import type { DeviceRecord } from '@hearth/broker';
import type { FleetDeps } from './fleet-deps';
import { type Device, DeviceConnection, Gateway, GatewayConnection, RegisteredGateway, RegisterGatewayInput, RotatedGatewaySecret } from './fleet.types';
import { deviceCounts, type GatewayRecord } from '@hearth/broker';

export const toGateway = (g: GatewayRecord): Gateway => ({
  id: g.id,
  name: g.name,
  createdAt: g.createdAt,
  secretRotatedAt: g.secretRotatedAt,
  previousSecretValidUntil: g.previousSecretExpiresAt && g.previousSecretExpiresAt > new Date() ? g.previousSecretExpiresAt : null,
});
export const toDevice = (d: DeviceRecord): Device => ({ kind: fromKind(d.kind), id: d.id, gatewayId: d.gatewayId, createdAt: d.createdAt });

@Resolver(() => Gateway)
export class GatewayResolver {
  constructor(private readonly deps: FleetDeps) {}

  @Query(() => GatewayConnection, { description: 'Your IoT gateways, by id.' })
  async gateways(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' }) after?: string | null,
  ): Promise<Connection<Gateway>> {
    checkPageSize(first);
    const page = await this.deps.gateways.list(ctx.tenantId, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toGateway(e.node) })) };
  }

  @Query(() => Gateway, { nullable: true, description: 'One of your gateways; null if there is none.' })
  async gateway(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The gateway’s id, its MQTT user name.' }) id: string,
  ): Promise<Gateway | null> {
    const found = await requestLoader(ctx, 'gateways', (ids) => this.deps.gateways.byIds(ctx.tenantId, ids)).load(id);
    return found ? toGateway(found) : null;
  }

  @Mutation(() => RegisteredGateway, { description: 'Registers an IoT gateway; its MQTT secret is in the answer, and only there.' })
  async registerGateway(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => RegisterGatewayInput, { description: 'Its name, and optionally its id.' }) input: RegisterGatewayInput,
  ): Promise<RegisteredGateway> {
    const { gateway, secret } = await this.deps.gateways.register(ctx, input);
    return { gateway: toGateway(gateway), secret };
  }

  @Mutation(() => RotatedGatewaySecret, {
    description: 'Issues a new secret; the old one keeps working for graceSeconds (0: stops at once), and connections made with it end then.',
  })
  async rotateGatewaySecret(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The id of one of your gateways.' }) id: string,
    @Arg('graceSeconds', () => Int, { defaultValue: 86_400, description: 'At most 30 days.' }) graceSeconds: number,
  ): Promise<RotatedGatewaySecret> {
    const { gateway, secret } = await this.deps.gateways.rotate(ctx, id, graceSeconds);
    return { gateway: toGateway(gateway), secret };
  }

  @FieldResolver(() => Int, { description: 'Devices bound to it.' })
  async deviceCount(@Root() gateway: Gateway, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await requestLoader(ctx, 'deviceCounts', (ids) => deviceCounts(this.deps.db, ctx.tenantId, ids)).load(gateway.id)) ?? 0;
  }

  @FieldResolver(() => DeviceConnection, { description: 'Devices bound to it, by kind and id.' })
  async devices(
    @Root() gateway: Gateway,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' }) after?: string | null,
  ): Promise<Connection<Device>> {
    checkPageSize(first);
    const page = await this.deps.devices.list({ tenantId: ctx.tenantId, gatewayId: gateway.id }, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDevice(e.node) })) };
  }
}
