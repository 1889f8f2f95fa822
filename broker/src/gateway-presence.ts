import type { Logger } from '@hearth/platform';
import type { GatewayIdentity, MessageSink } from './types';

interface Presence {
  connections: number;
  /** What the sink was last told. */
  online: boolean;
}

/**
 * Tells the sink when a gateway comes and goes. A gateway may hold more than one connection
 * (two client ids, or a takeover in progress), so it is offline when its last one closes.
 * Its own `status` messages (birth, Last Will) are passed on when they change the state, so a
 * Last Will followed by the disconnect it announces is one "offline", not two.
 */
export class GatewayPresence {
  private readonly gateways = new Map<string, Presence>();

  constructor(
    private readonly sink: MessageSink,
    private readonly logger: Logger,
  ) {}

  connected(gateway: GatewayIdentity): void {
    const presence = this.gateways.get(gateway.gatewayId) ?? { connections: 0, online: false };
    presence.connections++;
    this.gateways.set(gateway.gatewayId, presence);
    this.report(gateway, presence, true);
  }

  disconnected(gateway: GatewayIdentity): void {
    const presence = this.gateways.get(gateway.gatewayId);
    if (!presence) return;
    presence.connections--;
    if (presence.connections > 0) return;
    this.gateways.delete(gateway.gatewayId);
    this.report(gateway, presence, false);
  }

  /** What a connected gateway says about itself on `hearth/v1/{gatewayId}/status`. */
  reported(gateway: GatewayIdentity, online: boolean): void {
    const presence = this.gateways.get(gateway.gatewayId);
    // Only a connection can publish, so no presence means it has already been reported gone.
    if (presence) this.report(gateway, presence, online);
  }

  private report(gateway: GatewayIdentity, presence: Presence, online: boolean): void {
    if (presence.online === online) return;
    presence.online = online;
    try {
      this.sink.gatewayStatus({ tenantId: gateway.tenantId, gatewayId: gateway.gatewayId, online, at: new Date() });
    } catch (err) {
      this.logger.error({ err, gatewayId: gateway.gatewayId }, 'sink.gatewayStatus failed');
    }
  }
}
