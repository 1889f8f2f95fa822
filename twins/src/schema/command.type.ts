import { ConnectionType } from '@hearth/platform/graphql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { effectiveStatus, type CommandStatus as Status } from '../model/command';
import type { CommandRecord } from '../store/command-store';
import { DeviceKind, fromKind } from './device-kind.enum';
import { TankStateValues } from '../kinds/tank/schema/tank-desired.type';

export enum CommandStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  DONE = 'DONE',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description: 'PENDING (waiting for its gateway) → SENT → ACCEPTED → DONE; or REJECTED by the gateway, EXPIRED before it was taken on, CANCELLED.',
  valuesConfig: {
    PENDING: {
      description: 'Recorded, not yet sent: it waits until its gateway is connected and subscribed to its command topics; it can still expire or be cancelled.',
    },
    SENT: {
      description: 'Published to its gateway, not yet answered (sent again if that connection went before an answer); it can still expire or be cancelled.',
    },
    ACCEPTED: { description: 'The gateway answered `accepted`: it has taken the command on, which can then no longer expire or be cancelled.' },
    REJECTED: { description: 'The gateway answered `rejected` (see `reason`); what the command asked for is withdrawn from desired state.' },
    DONE: { description: 'The gateway answered `done`; the twin’s `delta` clears once the reported state matches.' },
    EXPIRED: { description: 'Not taken on by the gateway before `expiresAt`; what the command asked for is withdrawn from desired state.' },
    CANCELLED: { description: 'Cancelled with `cancelCommand` while PENDING or SENT (see `cancelledBy`); what it asked for is withdrawn from desired state.' },
  },
});

@ObjectType({ description: 'A desired-state change on its way to a device, and its audit record: who asked for what, when, and how it ended.' })
export class Command {
  @Field(() => ID, { description: 'Also the `id` of the MQTT command and of its acks.' }) id!: string;
  @Field(() => DeviceKind, { description: 'The kind of device it is for (tanks and valves take desired state).' }) deviceKind!: DeviceKind;
  @Field(() => ID, { description: 'The device (for a tank, the tank id).' }) deviceId!: string;
  @Field(() => String, { description: 'The gateway it goes (or went) through.' }) gatewayId!: string;
  @Field(() => TankStateValues, { description: 'What it asks of a tank (null fields for other kinds: see `desiredJson`).' }) desired!: TankStateValues;
  @Field(() => String, {
    description:
      'What it asks for, for any kind: a JSON object named as the device’s kind names it (a valve: `{"open":false}`), as its MQTT payload’s `desired` carries it.',
  })
  desiredJson!: string;
  @Field(() => CommandStatus, { description: 'An open command past its expiry shows EXPIRED.' }) status!: Status;
  @Field(() => String, { nullable: true, description: 'The gateway’s reason, when it gave one (usually with REJECTED).' }) reason!: string | null;
  @Field(() => String, {
    description: 'Who asked: `user:<id>`, `apiKey:<id>`, or `service:interlock:<detectorId>` for a valve closed by a gas detector’s interlock.',
  })
  requestedBy!: string;
  @Field(() => Date, { description: 'When it was asked for.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Not sent, nor acted on by the gateway, after this.' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it last went out to the gateway.' }) sentAt!: Date | null;
  @Field(() => Int, { description: 'How often it went out (again after a reconnect until answered).' }) sendCount!: number;
  @Field(() => Date, { nullable: true, description: 'When the gateway’s `accepted` answer arrived; null if it sent none.' }) acceptedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was done, rejected, expired or cancelled.' }) completedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who cancelled it: `user:<id>` or `apiKey:<id>`; null unless CANCELLED.' }) cancelledBy!: string | null;
}

export const CommandConnection = ConnectionType(Command, 'Command');

export function toCommand(c: CommandRecord, now = new Date()): Command {
  const status = effectiveStatus(c, now);
  return {
    id: c.id,
    deviceKind: fromKind(c.kind),
    deviceId: c.deviceId,
    gatewayId: c.gatewayId,
    desired: {
      inletValveOpen: typeof c.desired.inletValveOpen === 'boolean' ? c.desired.inletValveOpen : null,
      highHighSetpointMm: typeof c.desired.highHighSetpointMm === 'number' ? c.desired.highHighSetpointMm : null,
    },
    desiredJson: JSON.stringify(c.desired),
    status,
    reason: c.reason,
    requestedBy: c.requestedBy,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
    sentAt: c.sentAt,
    sendCount: c.sendCount,
    acceptedAt: c.acceptedAt,
    completedAt: c.completedAt ?? (status === 'EXPIRED' ? c.expiresAt : null),
    cancelledBy: c.cancelledBy,
  };
}
