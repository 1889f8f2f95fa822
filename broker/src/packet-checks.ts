import type { PacketCheck } from './packet-size-guard';
import { TokenBuckets, type Rate } from '@hearth/platform';

/** Control packet types (MQTT 3.1.1 §2.2.1) only a server sends, plus the reserved 0 and 15: a client sending one breaks the protocol. */
const notFromClients = new Map([
  [0, 'reserved packet type 0 [MQTT-2.2.1]'],
  [2, 'CONNACK from a client'],
  [9, 'SUBACK from a client'],
  [11, 'UNSUBACK from a client'],
  [13, 'PINGRESP from a client'],
  [15, 'reserved packet type 15 (AUTH is MQTT 5)'],
]);
const SUBSCRIBE = 8;

/**
 * The per-packet checks of every connection, run on fixed headers by `guardPacketSize` before a
 * packet is buffered: packet types no client may send, and the SUBSCRIBE rate. Each SUBSCRIBE
 * costs a persistence write, a subscription-tree update and a retained-message lookup, and
 * thousands of them from one gateway delayed every other gateway's PUBACKs; a gateway
 * subscribes once after connecting, and many filters fit in one SUBSCRIBE.
 */
export class PacketChecks {
  private readonly subscribes = new TokenBuckets();
  private connections = 0;

  constructor(private readonly subscribeRate: Rate) {}

  /** The check for one new connection. */
  forConnection(): PacketCheck {
    const key = String(++this.connections);
    return (packetType) => {
      const forbidden = notFromClients.get(packetType);
      if (forbidden) return { reason: 'MQTT_PROTOCOL_VIOLATION', detail: forbidden };
      if (packetType === SUBSCRIBE && !this.subscribes.take(key, this.subscribeRate).allowed) {
        return { reason: 'MQTT_SUBSCRIBE_RATE_LIMITED', detail: 'SUBSCRIBE packets faster than allowed; connection closed' };
      }
      return undefined;
    };
  }
}
