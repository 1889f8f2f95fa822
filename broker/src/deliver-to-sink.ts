import type { Logger } from '@hearth/platform';
import type { InFlight } from './in-flight';
import type { RejectionLog } from './rejection-log';
import type { DeviceMessage, MessageSink, SinkResult } from './types';

export interface DeliveryDeps {
  sink: MessageSink;
  rejections: RejectionLog;
  logger: Logger;
  inFlight: InFlight;
}

/** Calls `sink.accept` now (a throwing sink becomes a rejected promise) and returns its outcome. */
export function startAccept(deps: DeliveryDeps, message: DeviceMessage): Promise<SinkResult> {
  let accepted: Promise<SinkResult>;
  try {
    accepted = Promise.resolve(deps.sink.accept(message));
  } catch (err) {
    accepted = Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return deps.inFlight.track(accepted);
}

/**
 * Acknowledged = stored (DESIGN §3). Aedes writes PUBACK (QoS 1) or stores-then-PUBRECs (QoS 2)
 * as soon as `done` is called without error, so for QoS 1 and 2 `done` waits for the sink:
 * the receiver sends PUBACK/PUBREC "having accepted ownership" [MQTT-4.3.2-2] [MQTT-4.3.3-2].
 * A failed write calls `done` with an error, which closes the connection without an ack, so the
 * client retransmits it (DUP=1) when it reconnects [MQTT-4.4.0-1]. QoS 0 has no ack and no
 * retransmission (§4.3.1); it is answered at once and stored in the background.
 */
export function settleDelivery(deps: DeliveryDeps, message: DeviceMessage, accepted: Promise<SinkResult>, done: (err?: Error) => void): void {
  if (message.qos === 0) {
    done();
    void accepted.then(
      (result) => recordDuplicates(deps, message, result),
      (err: unknown) => recordFailure(deps, message, err),
    );
    return;
  }
  accepted
    .then(
      (result) => {
        recordDuplicates(deps, message, result);
        done();
      },
      (err: unknown) => {
        recordFailure(deps, message, err);
        done(new Error('message not stored; closing the connection so the client retransmits it'));
      },
    )
    // Whatever Aedes does inside `done` must not become an unhandled rejection (which ends the process).
    .catch((err: unknown) => deps.logger.error({ err, gatewayId: message.gatewayId }, 'acknowledging failed'));
}

// Module functions, not closures per message: nearly every message is stored without either.
function recordDuplicates(deps: DeliveryDeps, message: DeviceMessage, result: SinkResult): void {
  const duplicates = Number.isFinite(result?.duplicates) ? result.duplicates : 0;
  if (!(duplicates > 0)) return;
  const detail = `${duplicates} sample(s) already stored (seq at or below the last one)`;
  deps.rejections.record({ reason: 'MQTT_DUPLICATE', detail, ...origin(message), count: duplicates });
}

function recordFailure(deps: DeliveryDeps, message: DeviceMessage, err: unknown): void {
  const detail = `storing failed: ${err instanceof Error ? err.message : String(err)}`;
  deps.rejections.record({ reason: 'MQTT_STORE_FAILED', detail, ...origin(message) });
  deps.logger.warn({ err, gatewayId: message.gatewayId, kind: message.kind, deviceId: message.deviceId, qos: message.qos }, 'sink refused a message');
}

const origin = (message: DeviceMessage) => ({
  gatewayId: message.gatewayId,
  tenantId: message.tenantId,
  device: { kind: message.kind, deviceId: message.deviceId },
});
