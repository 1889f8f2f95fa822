import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize, requestLoader, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { notFound, ownedBy } from '@hearth/platform';
import { asKind, DeviceKind } from '../schema/device-kind.enum';
import { MqttRejection, toMqttRejection } from '../schema/mqtt-rejection.type';
import type { FleetDeps } from './fleet-deps';
import { ImportFormat } from '@hearth/platform/import';
import { BindDeviceInput, Device, DeviceConnection, DeviceConnectivity, DeviceImport, Gateway, GatewayImport } from './fleet.types';
import { toDevice, toGateway } from './gateway.resolver';

@Resolver(() => Device)
export class DeviceResolver {
  constructor(private readonly deps: FleetDeps) {}

  @Query(() => DeviceConnection, { description: 'Your devices, by kind and id; optionally of one gateway or kind.' })
  async devices(
    @Ctx() ctx: SubgraphContext,
    @Arg('gatewayId', () => ID, { nullable: true, description: 'Only devices bound to this gateway.' }) gatewayId?: string | null,
    @Arg('kind', () => DeviceKind, { nullable: true, description: 'Only devices of this kind.' }) kind?: DeviceKind | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first = 50,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' }) after?: string | null,
  ): Promise<Connection<Device>> {
    checkPageSize(first);
    const page = await this.deps.devices.list({ tenantId: ctx.tenantId, gatewayId, kind: kind ? asKind(kind) : null }, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDevice(e.node) })) };
  }

  @Query(() => Device, { nullable: true, description: 'One of your devices; null if there is none.' })
  async device(
    @Ctx() ctx: SubgraphContext,
    @Arg('kind', () => DeviceKind, { description: 'The device’s kind.' }) kind: DeviceKind,
    @Arg('id', () => ID, { description: 'The device’s id (the same id may name devices of other kinds).' }) id: string,
  ): Promise<Device | null> {
    const found = await this.deps.devices.find(ctx.tenantId, asKind(kind), id);
    return found ? toDevice(found) : null;
  }

  @Mutation(() => Device, { description: 'Binds a device to one of your gateways (registering it, or moving it there): only that gateway may publish for it.' })
  async bindDevice(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => BindDeviceInput, { description: 'The device and the gateway to bind it to.' }) input: BindDeviceInput,
  ): Promise<Device> {
    return toDevice(await this.deps.devices.bind(ctx, { kind: asKind(input.kind), id: input.id, gatewayId: input.gatewayId }));
  }

  @Mutation(() => Device, { description: 'Removes a device: no gateway may publish for it any more. Its twin and history stay.' })
  async unbindDevice(
    @Ctx() ctx: SubgraphContext,
    @Arg('kind', () => DeviceKind, { description: 'The device’s kind.' }) kind: DeviceKind,
    @Arg('id', () => ID, { description: 'The device’s id (the same id may name devices of other kinds).' }) id: string,
  ): Promise<Device> {
    return toDevice(await this.deps.devices.unbind(ctx, asKind(kind), id));
  }

  @Mutation(() => DeviceImport, {
    description: 'Binds many devices in one go (columns kind, id, gatewayId; up to 10,000 rows): all rows, or none and every problem by row.',
  })
  importDevices(
    @Ctx() ctx: SubgraphContext,
    @Arg('format', () => ImportFormat, { description: 'How `data` is written.' }) format: ImportFormat,
    @Arg('data', () => String, { description: 'The file’s contents.' }) data: string,
  ): Promise<DeviceImport> {
    return this.deps.devices.import(ctx, format, data);
  }

  @Mutation(() => GatewayImport, {
    description:
      'Registers many gateways in one go (columns id (optional), name; up to 1,000 rows): all, with their secrets, or none and every problem by row.',
  })
  importGateways(
    @Ctx() ctx: SubgraphContext,
    @Arg('format', () => ImportFormat, { description: 'How `data` is written.' }) format: ImportFormat,
    @Arg('data', () => String, { description: 'The file’s contents.' }) data: string,
  ): Promise<GatewayImport> {
    return this.deps.gateways.import(ctx, format, data);
  }

  @FieldResolver(() => [MqttRejection], {
    description: 'Why its data was refused, per reason with the latest detail (for every kind; tanks show the same on their twin), most recent first.',
  })
  rejections(@Root() device: Device, @Ctx() ctx: SubgraphContext): MqttRejection[] {
    return this.deps.rejections.forDevice(ctx.tenantId, asKind(device.kind), device.id).map(toMqttRejection);
  }

  @FieldResolver(() => DeviceConnectivity, {
    nullable: true,
    description: 'Whether it can be reached and when it was last heard from (every modelled kind: tank, detector, valve); null for a kind no twin models yet.',
  })
  connectivity(@Root() device: Device, @Ctx() ctx: SubgraphContext): DeviceConnectivity | null {
    const kind = this.deps.kinds.get(asKind(device.kind));
    if (!kind) return null;
    const twin = ownedBy(kind.twins.get(device.id), ctx.tenantId);
    return { online: twin?.online ?? false, stale: twin?.stale ?? false, lastSeenAt: twin?.lastSeenAt ?? null };
  }

  @FieldResolver(() => Gateway, { description: 'The gateway it is bound to.' })
  async gateway(@Root() device: Device, @Ctx() ctx: SubgraphContext): Promise<Gateway> {
    const gateway = await requestLoader(ctx, 'gateways', (ids) => this.deps.gateways.byIds(ctx.tenantId, ids)).load(device.gatewayId);
    if (!gateway) throw notFound('Gateway', device.gatewayId);
    return toGateway(gateway);
  }
}
