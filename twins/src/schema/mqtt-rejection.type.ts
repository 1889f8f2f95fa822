import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { mqttRejectionReasons } from '@hearth/broker';
import { errorCodes, type MqttRejectionReason as Reason } from '@hearth/platform';
import type { RejectionSummary } from '../rejections/device-rejections';
import { DeviceKind, fromKind } from './device-kind.enum';

/** Built from the error registry, so a new MQTT reason appears here, with its meaning, without an edit. */
export const MqttRejectionReason = Object.fromEntries(mqttRejectionReasons.map((r) => [r, r])) as Record<Reason, Reason>;
registerEnumType(MqttRejectionReason, {
  name: 'MqttRejectionReason',
  description: 'Why the broker refused or dropped an MQTT message (the MQTT codes of docs/errors.md).',
  valuesConfig: Object.fromEntries(mqttRejectionReasons.map((r) => [r, { description: errorCodes[r].meaning }])),
});

@ObjectType({ description: 'Messages refused for one reason (and one device), with the latest detail: why data is missing.' })
// Served by both subgraphs of the twins service: twins (on twins) and fleet (on devices).
@Directive('@shareable')
export class MqttRejection {
  @Field(() => MqttRejectionReason, { description: 'Why the broker refused or dropped them.' }) reason!: Reason;
  @Field(() => Int, { description: 'How many (samples, for duplicates) since the twins service started.' }) count!: number;
  @Field(() => Date, { description: 'When the latest of them was refused or dropped.' }) lastAt!: Date;
  @Field(() => String, { description: 'What exactly was wrong the last time.' }) lastDetail!: string;
  @Field(() => DeviceKind, { nullable: true, description: 'The device the topic named, if any.' }) deviceKind!: DeviceKind | null;
  @Field(() => String, { nullable: true, description: 'The device id the topic named (possibly not a registered one).' }) deviceId!: string | null;
}

export const toMqttRejection = (r: RejectionSummary): MqttRejection => ({
  reason: r.reason,
  count: r.count,
  lastAt: r.lastAt,
  lastDetail: r.lastDetail,
  deviceKind: r.device ? fromKind(r.device.kind) : null,
  deviceId: r.device?.deviceId ?? null,
});
