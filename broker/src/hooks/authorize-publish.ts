import type { AedesOptions, Client, PublishPacket } from 'aedes';
import type { Logger } from '@hearth/platform';
import { checkDevicePublish, checkKnownDevicePublish, type DeviceCheck, type DevicePublish, type DeviceTopic } from '../device-publish';
import { settleDelivery, startAccept, type DeliveryDeps } from '../deliver-to-sink';
import type { GatewayPresence } from '../gateway-presence';
import type { PayloadLimits } from '../payload';
import type { Session, Sessions } from '../sessions';
import { parseStatusPayload } from '../status-payload';
import { claimedGatewayId, parseTopic } from '../topics';
import type { DeviceRegistry } from '../types';

export interface AuthorizePublishDeps extends DeliveryDeps {
  sessions: Sessions;
  registry: DeviceRegistry;
  presence: GatewayPresence;
  limits: PayloadLimits;
  logger: Logger;
}

type Done = (err?: Error | null) => void;

/**
 * Every PUBLISH from a gateway (and its Last Will) passes here before Aedes acknowledges it.
 * Aedes closes the connection when `done` gets an error, and acknowledges when it does not:
 *  - a topic that is not ours, or another gateway's: error (disconnect); retrying cannot help and
 *    a gateway speaking for another one is an attack or a serious misconfiguration;
 *  - a data problem on an allowed topic: counted, dropped, acknowledged (retransmitting the same
 *    bytes cannot fix them), see `checkDevicePublish`;
 *  - valid data: acknowledged once stored, see `settleDelivery`.
 */
export function createAuthorizePublish(deps: AuthorizePublishDeps): NonNullable<AedesOptions['authorizePublish']> {
  return function authorizePublish(client: Client | null, packet: PublishPacket, done: Done) {
    const receivedAt = new Date();
    const session = deps.sessions.get(client);
    // Null client: a Last Will swept up from persistence after its connection is gone; we cannot attribute it.
    if (!session) return done(new Error('publish from a connection without an authenticated gateway'));

    const claimed = claimedGatewayId(packet.topic);
    if (claimed !== undefined && claimed !== session.gatewayId) {
      return refuse(deps, session, 'MQTT_TOPIC_FORBIDDEN', `publish to ${shorten(packet.topic)} under another gateway's id`, done);
    }
    const topic = parseTopic(packet.topic);
    if (!topic || topic.type === 'command') {
      return refuse(deps, session, 'MQTT_TOPIC_INVALID', `publish to ${shorten(packet.topic)}`, done);
    }
    // [MQTT-3.3.1-5] asks the server to keep retained messages for future subscribers. Device data
    // goes to the sink and no gateway may read it back, so nothing is retained.
    packet.retain = false;

    if (topic.type === 'status') {
      // Handled at once (not queued) so a Last Will reaches presence before the disconnect it announces.
      const online = parseStatusPayload(packet.payload);
      if (online === null) {
        deps.rejections.record({
          reason: 'MQTT_SCHEMA_VIOLATION',
          detail: 'status payload must be online, offline or {"online":true|false}',
          gatewayId: session.gatewayId,
          tenantId: session.tenantId,
        });
      } else {
        deps.presence.reported(session, online);
      }
      return acknowledgeInTurn(session, packet, done)();
    }
    enqueueDevicePublish(deps, session, topic, packet, receivedAt, done);
  };
}

/**
 * Aedes dispatches the packets of one socket read concurrently. Checks run one after another per
 * connection, and each calls `sink.accept` before the next check starts, so the sink sees a
 * device's messages in the order they were sent (its `seq` duplicate rule depends on it) while
 * the writes themselves may still be batched together. A publish whose device binding the
 * registry holds in memory is checked and handed on at once, unless earlier ones of its
 * connection are still queued: a turn through the queue per message costs more than the check.
 */
function enqueueDevicePublish(
  deps: AuthorizePublishDeps,
  session: Session,
  topic: DeviceTopic,
  packet: PublishPacket,
  receivedAt: Date,
  aedesDone: Done,
): void {
  const publish: DevicePublish = { gateway: session, topic, payload: packet.payload, qos: packet.qos, receivedAt };
  const done = acknowledgeInTurn(session, packet, aedesDone);
  const now = session.queued === 0 ? checkKnownDevicePublish(deps.registry, deps.limits, publish) : undefined;
  if (now) return handOn(deps, session, topic, now, done)();
  session.queued++;
  const step = session.tail.then(async () => {
    try {
      return handOn(deps, session, topic, await checkDevicePublish(deps.registry, deps.limits, publish), done);
    } finally {
      session.queued--;
    }
  });
  session.tail = step.then(
    () => undefined,
    () => undefined,
  );
  void step
    .then(
      (settle) => settle(),
      (err: unknown) => {
        // Usually the registry could not answer: nothing was checked, so nothing may be acknowledged.
        const device = { kind: topic.kind, deviceId: topic.deviceId };
        deps.rejections.record({
          reason: 'MQTT_STORE_FAILED',
          detail: `could not check the message: ${(err as Error)?.message}`,
          gatewayId: session.gatewayId,
          tenantId: session.tenantId,
          device,
        });
        deps.logger.error({ err, gatewayId: session.gatewayId, ...device }, 'device check failed');
        done(new Error('message could not be checked'));
      },
    )
    // Whatever Aedes does inside `done` must not become an unhandled rejection (which ends the process).
    .catch((err: unknown) => deps.logger.error({ err, gatewayId: session.gatewayId }, 'publish handling failed'));
}

/** Records a refused publish, or hands an accepted one to the sink; returns how to answer Aedes. */
function handOn(deps: AuthorizePublishDeps, session: Session, topic: DeviceTopic, check: DeviceCheck, done: Done): () => void {
  if (!check.ok) {
    const device = { kind: topic.kind, deviceId: topic.deviceId };
    deps.rejections.record({ reason: check.reason, detail: check.detail, gatewayId: session.gatewayId, tenantId: session.tenantId, device });
    deps.logger.debug({ gatewayId: session.gatewayId, ...device, reason: check.reason, detail: check.detail }, 'publish dropped');
    return () => done();
  }
  // Kept but corrected (a clock far ahead): counted per device like a rejection, so the twin shows why.
  for (const { reason, detail } of check.corrections) {
    deps.rejections.record({
      reason,
      detail,
      gatewayId: session.gatewayId,
      tenantId: session.tenantId,
      device: { kind: topic.kind, deviceId: topic.deviceId },
    });
  }
  const accepted = startAccept(deps, check.message);
  return () => settleDelivery(deps, check.message, accepted, done);
}

/**
 * A QoS 1 publish's PUBACK is taken over by the connection's `PubackQueue`, so the connection reads
 * on while the message is stored: Aedes is told "done" now, and with the packet's QoS set to 0 it
 * writes no PUBACK of its own (nor keeps the message for redelivery: device data goes to the sink,
 * not to other MQTT clients). The returned function is the "done" for the message: without an
 * error its PUBACK is written in its turn, with one the connection is closed unacknowledged.
 * QoS 0 and 2 keep Aedes's own path.
 */
function acknowledgeInTurn(session: Session, packet: PublishPacket, done: Done): Done {
  if (packet.qos !== 1 || packet.messageId === undefined) return done;
  const settle = session.acks.take(packet.messageId, packet.payload.length);
  packet.qos = 0;
  done();
  return settle;
}

function refuse(deps: AuthorizePublishDeps, session: Session, reason: 'MQTT_TOPIC_FORBIDDEN' | 'MQTT_TOPIC_INVALID', detail: string, done: Done): void {
  deps.rejections.record({ reason, detail, gatewayId: session.gatewayId, tenantId: session.tenantId });
  deps.logger.warn({ gatewayId: session.gatewayId, clientId: session.client.id, reason, detail }, 'publish refused; closing the connection');
  done(new Error(`${reason}: ${detail}`));
}

/** Topics are client input of up to 64 KiB; logs and records keep a readable head of them. */
const shorten = (topic: string) => (topic.length > 200 ? `${topic.slice(0, 200)}…` : topic);
