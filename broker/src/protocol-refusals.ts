import type { PacketRefusal } from './packet-size-guard';

type AedesError = Error & { code?: string; errorCode?: number; info?: { cmd?: string } };

/** Failures of the MQTT packet parser (mqtt-packet): every one closes the connection [MQTT-4.8.0-1]. */
const parserFailure = /^(Packet too short|Cannot parse|Invalid|Malformed|Not supported|Unknown property|Packet must not|Connect flag|Will (QoS|Retain))/;

/** The spec clause behind a parser failure, where one applies. */
const clauseOf = (message: string): string => {
  if (message.startsWith('Packet must not have both QoS bits')) return ' [MQTT-3.3.1-4]';
  if (message.startsWith('Invalid header flag')) return ' [MQTT-2.2.2-2]';
  if (message.startsWith('Connect flag bit 0')) return ' [MQTT-3.1.2-3]';
  if (message.startsWith('Invalid subscribe')) return ' [MQTT-3.8.1-1]';
  return '';
};

const exact: Record<string, PacketRefusal> = {
  'connect did not arrive in time': { reason: 'MQTT_CONNECT_TIMEOUT', detail: 'no CONNECT within the connect timeout' },
  'keep alive timeout': { reason: 'MQTT_KEEPALIVE_TIMEOUT', detail: 'silent for 1.5 × its keep-alive [MQTT-3.1.2-24]' },
  'unacceptable protocol version': { reason: 'MQTT_UNSUPPORTED_PROTOCOL', detail: 'protocol level other than 3 or 4, e.g. MQTT 5 (CONNACK 1) [MQTT-3.1.2-2]' },
  'Invalid protocol version': { reason: 'MQTT_UNSUPPORTED_PROTOCOL', detail: 'unknown protocol level [MQTT-3.1.2-2]' },
  'Invalid protocolId': { reason: 'MQTT_UNSUPPORTED_PROTOCOL', detail: 'protocol name is not MQTT [MQTT-3.1.2-1]' },
  'identifier rejected': { reason: 'MQTT_IDENTIFIER_REJECTED', detail: 'MQTT 3.1 client id longer than 23 characters (CONNACK 2)' },
  '# is not allowed in PUBLISH': { reason: 'MQTT_TOPIC_INVALID', detail: 'wildcard # in a PUBLISH topic [MQTT-3.3.2-2]' },
  '+ is not allowed in PUBLISH': { reason: 'MQTT_TOPIC_INVALID', detail: 'wildcard + in a PUBLISH topic [MQTT-3.3.2-2]' },
  'empty topic not allowed in PUBLISH': { reason: 'MQTT_TOPIC_INVALID', detail: 'empty PUBLISH topic [MQTT-4.7.3-1]' },
  'topic has too many levels': { reason: 'MQTT_TOPIC_INVALID', detail: 'topic with more levels than the broker allows' },
  'Client queue limit reached': { reason: 'MQTT_PRE_AUTH_LIMIT', detail: 'too many packets queued before CONNACK' },
};

/**
 * What Aedes and its packet parser refuse on their own, turned into a rejection reason, so
 * every protocol-level refusal is counted like ours (`hearth_mqtt_rejections_total{reason}`).
 * Undefined for what is no refusal of the client's input (a reset socket, a write after close)
 * and for refusals our hooks have already counted (they reach Aedes as errors too).
 */
export function protocolRefusal(err: AedesError): PacketRefusal | undefined {
  const known = exact[err.message];
  if (known) return known;
  if (err.message === 'Invalid protocol') {
    const cmd = err.info?.cmd ?? 'packet';
    return cmd === 'connect'
      ? { reason: 'MQTT_PROTOCOL_VIOLATION', detail: 'second CONNECT on a connection [MQTT-3.1.0-2]' }
      : { reason: 'MQTT_PROTOCOL_VIOLATION', detail: `${cmd.toUpperCase()} before CONNECT [MQTT-3.1.0-1]` };
  }
  if (err.message.startsWith('maxInflightInbound exceeded')) return { reason: 'MQTT_PROTOCOL_VIOLATION', detail: 'too many QoS 2 messages awaiting PUBREL' };
  // A WebSocket frame over the size limit: the same refusal as an oversized TCP packet.
  if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { reason: 'MQTT_PAYLOAD_TOO_LARGE', detail: 'WebSocket frame exceeds the packet limit' };
  if (err.code === undefined && parserFailure.test(err.message)) return { reason: 'MQTT_PROTOCOL_VIOLATION', detail: `${err.message}${clauseOf(err.message)}` };
  return undefined;
}
