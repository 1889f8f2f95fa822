import type { AedesOptions } from 'aedes';
import type { Sessions } from '../sessions';
import { parseTopic } from '../topics';

/**
 * The last word on what a gateway receives: command topics of its own devices, nothing else.
 * Subscriptions are already narrowed by `authorizeSubscribe`, but a granted `hearth/v1/gw-1/#`
 * also matches the gateway's own telemetry, which must not be echoed back to it.
 */
export function createAuthorizeForward(sessions: Sessions): NonNullable<AedesOptions['authorizeForward']> {
  return function authorizeForward(client, packet) {
    const session = sessions.get(client);
    const topic = parseTopic(packet.topic);
    return session && topic?.type === 'command' && topic.gatewayId === session.gatewayId ? packet : null;
  };
}
