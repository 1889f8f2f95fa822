import { ConnectionType } from '@hearth/platform/graphql';
import { ImportProblem } from '@hearth/platform/import';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DeviceKind } from '../schema/device-kind.enum';

@ObjectType({ description: 'An IoT gateway: an MQTT client that publishes for the devices bound to it (its id is the MQTT user name).' })
@Directive('@key(fields: "id")')
export class Gateway {
  @Field(() => ID, { description: 'The MQTT user name and the `{gatewayId}` level of its topics.' }) id!: string;
  @Field(() => String, { description: 'Its display name, 1–100 characters.' }) name!: string;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When its secret was last rotated.' }) secretRotatedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Until when the secret before the last rotation still works; null when it no longer does.' })
  previousSecretValidUntil!: Date | null;
}
export const GatewayConnection = ConnectionType(Gateway, 'Gateway');

@ObjectType({ description: 'Whether a device can be reached, as its twin knows it.' })
export class DeviceConnectivity {
  @Field(() => Boolean, { description: 'Reachable: its gateway is connected and it is not stale.' }) online!: boolean;
  @Field(() => Boolean, { description: 'Its gateway is connected but it has been silent past its kind’s timeout.' }) stale!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was last heard from; null if never.' }) lastSeenAt!: Date | null;
}

@ObjectType({ description: 'A device bound to a gateway: that gateway may publish for it and receives its commands.' })
export class Device {
  @Field(() => DeviceKind, { description: 'What it is; kind and id together name the device.' }) kind!: DeviceKind;
  @Field(() => ID, { description: 'The `{deviceId}` level of its topics; for a tank, the tank id.' }) id!: string;
  @Field(() => ID, { description: 'The gateway it is bound to: the only one that may publish for it.' }) gatewayId!: string;
  @Field(() => Date, { description: 'When it was first registered.' }) createdAt!: Date;
}
export const DeviceConnection = ConnectionType(Device, 'Device');

@ObjectType({ description: 'A new gateway and its secret, shown this once.' })
export class RegisteredGateway {
  @Field(() => Gateway, { description: 'The gateway just registered.' }) gateway!: Gateway;
  @Field(() => String, { description: 'The MQTT password. Hearth keeps only a hash: store it in the gateway now.' }) secret!: string;
}

@ObjectType({ description: 'A gateway’s new secret, shown this once; the old one works until `gateway.previousSecretValidUntil`.' })
export class RotatedGatewaySecret {
  @Field(() => Gateway, { description: 'The gateway, with its new `secretRotatedAt` and `previousSecretValidUntil`.' }) gateway!: Gateway;
  @Field(() => String, { description: 'The new MQTT password. Hearth keeps only a hash: store it in the gateway now.' }) secret!: string;
}

@ObjectType({ description: 'The outcome of an import: all rows imported, or none and every problem by row.' })
export class DeviceImport {
  @Field(() => Int, { description: 'Data rows in the file.' }) rows!: number;
  @Field(() => Int, { description: 'Rows imported: all, or 0 when any row has a problem.' }) imported!: number;
  @Field(() => Int, { description: 'Of those, devices new to your account.' }) created!: number;
  @Field(() => Int, { description: 'Of those, your devices bound anew (moved, or unchanged).' }) rebound!: number;
  @Field(() => Int, { description: 'Rows with a problem.' }) rejectedRows!: number;
  @Field(() => [ImportProblem], { description: 'Every problem by row (at most 1,000 listed).' }) problems!: ImportProblem[];
}

@ObjectType({ description: 'A gateway created by an import, with its secret (shown this once).' })
export class GatewayCredential {
  @Field(() => ID, { description: 'The gateway’s id, its MQTT user name.' }) gatewayId!: string;
  @Field(() => String, { description: 'Its MQTT password. Hearth keeps only a hash: store it in the gateway now.' }) secret!: string;
}

@ObjectType({ description: 'The outcome of a gateway import: all rows imported (with their secrets), or none and every problem by row.' })
export class GatewayImport {
  @Field(() => Int, { description: 'Data rows in the file.' }) rows!: number;
  @Field(() => Int, { description: 'Rows imported: all, or 0 when any row has a problem.' }) imported!: number;
  @Field(() => Int, { description: 'Rows with a problem.' }) rejectedRows!: number;
  @Field(() => [ImportProblem], { description: 'Every problem by row (at most 1,000 listed).' }) problems!: ImportProblem[];
  @Field(() => [GatewayCredential], { description: 'Each imported gateway’s MQTT password. Hearth keeps only hashes.' }) credentials!: GatewayCredential[];
}

@ObjectType({
  description:
    'A provisioning action: gateways registered, secrets rotated, devices bound, moved, imported or removed. `AuditEntry` (of `auditLog`) is its successor.',
})
export class FleetAuditEntry {
  @Field(() => ID, { description: 'The entry’s id in the one audit log (the same as its `AuditEntry.id`).' }) id!: string;
  @Field(() => Date, { description: 'When the action was recorded.' }) at!: Date;
  @Field(() => String, { description: '`user:<id>` or `apiKey:<id>`.' }) actor!: string;
  @Field(() => String, { description: 'e.g. gateway.registered, gateway.secret-rotated, device.bound, devices.imported.' }) action!: string;
  @Field(() => String, { nullable: true, description: 'What it acted on, `gateway:<id>` or `<kind>:<deviceId>`; null for imports, whose details say what.' })
  target!: string | null;
  @Field(() => String, { description: 'Details as a JSON object, with the `requestId` of the request that did it.' }) details!: string;
}
export const FleetAuditEntryConnection = ConnectionType(FleetAuditEntry, 'FleetAuditEntry');

@InputType({ description: 'A gateway to register.' })
export class RegisterGatewayInput {
  @Field(() => String, { nullable: true, description: 'Its id (lower-case, digits, hyphens); omit to have one issued.' }) id?: string | null;
  @Field(() => String, { description: 'A display name, 1–100 characters (surrounding spaces are trimmed).' }) name!: string;
}

@InputType({ description: 'A device to bind to one of your gateways (created, or moved there).' })
export class BindDeviceInput {
  @Field(() => DeviceKind, { description: 'What it is; for TANK the id must be one of your tanks.' }) kind!: DeviceKind;
  @Field(() => ID, { description: 'For a tank, the tank id.' }) id!: string;
  @Field(() => ID, { description: 'One of your gateways (otherwise NOT_FOUND).' }) gatewayId!: string;
}
