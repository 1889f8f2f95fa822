import type { Aedes, Client } from 'aedes';
import type { Logger } from '@hearth/platform';
import type { Sessions } from './sessions';
import { commandTopic, topicMatches, type DeviceKind } from './topics';

export interface DownlinkCommand {
  gatewayId: string;
  kind: DeviceKind;
  deviceId: string;
  /** The command id; the gateway answers with it on `…/command/ack`. */
  id: string;
  /** The JSON sent (it should carry `id`). */
  payload: Record<string, unknown>;
}

export type RouteListener = (gatewayId: string, since: Date) => void;

/** `no-route`: no open connection of the gateway subscribes to the device's command topic, nothing was sent. */
export type SendOutcome = 'no-route' | 'sent';

/**
 * Commands down to gateways (DESIGN §3, `hearth/v1/{gatewayId}/{kind}/{deviceId}/command`). The
 * broker keeps no queue of its own for them: Aedes would drop a publish nobody subscribes to, and
 * its in-memory session store does not survive a restart. So the host keeps commands (in its
 * database), asks `canReceive` before sending, and sends again when `onRoute` says a gateway can now
 * receive (it subscribed, or came back with a persistent session). What a gateway did with a
 * command it answers on `…/command/ack`, which reaches the host like any device message. (Aedes
 * cannot tell whose PUBACK answered which command on a clean session, so PUBACKs are not used.)
 */
export class Downlink {
  private readonly routeListeners = new Set<RouteListener>();

  constructor(
    private readonly aedes: Aedes,
    private readonly sessions: Sessions,
    private readonly logger: Logger,
  ) {
    aedes.on('subscribe', (_subs, client) => this.announceRoute(client));
    // A persistent session's subscriptions are restored before CONNACK, without a SUBSCRIBE.
    aedes.on('clientReady', (client) => this.announceRoute(client));
    aedes.on('unsubscribe', (filters, client) => {
      const session = this.sessions.get(client);
      for (const filter of filters) session?.filters.delete(filter);
    });
  }

  /** Whether an open connection of the gateway subscribes to the device's command topic. */
  canReceive(gatewayId: string, kind: DeviceKind, deviceId: string): boolean {
    const topic = commandTopic(gatewayId, kind, deviceId);
    return this.sessions.ofGateway(gatewayId).some((s) => s.client.connected && [...s.filters.keys()].some((filter) => topicMatches(filter, topic)));
  }

  async send(command: DownlinkCommand): Promise<SendOutcome> {
    if (!this.canReceive(command.gatewayId, command.kind, command.deviceId)) return 'no-route';
    const topic = commandTopic(command.gatewayId, command.kind, command.deviceId);
    const payload = Buffer.from(JSON.stringify(command.payload));
    // QoS 1 (or the subscription's lower QoS [MQTT-3.8.4-6]): a gateway may get a command twice and acts on its id once.
    await new Promise<void>((resolve, reject) =>
      this.aedes.publish({ cmd: 'publish', topic, payload, qos: 1, retain: false, dup: false }, (err) => (err ? reject(err) : resolve())),
    );
    return 'sent';
  }

  /** `since` is when the connection that can now receive was made: anything sent before went to another one. */
  onRoute(listener: RouteListener): () => void {
    this.routeListeners.add(listener);
    return () => this.routeListeners.delete(listener);
  }

  private announceRoute(client: Client): void {
    const session = this.sessions.get(client);
    if (!session || session.filters.size === 0) return;
    for (const listener of this.routeListeners) this.safely(() => listener(session.gatewayId, session.connectedAt), session.gatewayId);
  }

  private safely(fn: () => void, gatewayId: string): void {
    try {
      fn();
    } catch (err) {
      this.logger.error({ err, gatewayId }, 'downlink listener failed');
    }
  }
}
