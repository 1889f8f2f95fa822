import type { AedesOptions } from 'aedes';
import type { Connections } from '../connections';

/**
 * Remembers what a CONNECT asked for (its client id and clean-session flag) before Aedes fills
 * in a generated id for an empty one, so `authenticate` can apply [MQTT-3.1.3-8].
 */
export function createPreConnect(connections: Connections): NonNullable<AedesOptions['preConnect']> {
  return function preConnect(client, packet, done) {
    connections.connectRead(client, { clientId: packet.clientId ?? '', cleanSession: packet.clean !== false });
    done(null, true);
  };
}
