import type { AedesOptions } from 'aedes';
import type { Logger, MqttRejectionReason } from '@hearth/platform';
import type { RejectionLog } from '../rejection-log';
import type { Sessions } from '../sessions';
import { mayGatewaySubscribe } from '../topics';

export interface AuthorizeSubscribeDeps {
  sessions: Sessions;
  rejections: RejectionLog;
  logger: Logger;
  /** Subscriptions one connection may hold. */
  maxSubscriptions: number;
}

/**
 * A gateway subscribes only to its own command topics (DESIGN §3), and holds at most
 * `maxSubscriptions` filters per connection (each costs memory and a place in the subscription
 * tree that every downlink publish walks). A refused filter gets the SUBACK return code 0x80
 * "Failure" (MQTT 3.1.1 §3.9.3); each filter of a SUBSCRIBE gets its own return code, in order
 * [MQTT-3.9.3-1], so the allowed ones still work. The connection stays open: a gateway asking
 * for too much is usually a configuration slip and can read nothing more.
 */
export function createAuthorizeSubscribe(deps: AuthorizeSubscribeDeps): NonNullable<AedesOptions['authorizeSubscribe']> {
  return function authorizeSubscribe(client, subscription, done) {
    const session = deps.sessions.get(client);
    const refuse = (reason: MqttRejectionReason, detail: string) => {
      deps.rejections.record({ reason, detail, ...(session ? { gatewayId: session.gatewayId, tenantId: session.tenantId } : {}) });
      deps.logger.info({ gatewayId: session?.gatewayId, clientId: client.id, detail }, 'subscription refused');
      // Aedes turns a null subscription into return code 0x80.
      done(null, null);
    };
    const topic = subscription.topic.slice(0, 200);
    if (!session || !mayGatewaySubscribe(subscription.topic, session.gatewayId)) return refuse('MQTT_TOPIC_FORBIDDEN', `subscribe to ${topic}`);
    // Re-subscribing to a filter it holds replaces that subscription [MQTT-3.8.4-3]: no new one.
    if (!session.filters.has(subscription.topic) && session.filters.size >= deps.maxSubscriptions) {
      return refuse('MQTT_SUBSCRIPTION_LIMIT', `subscribe to ${topic}: the connection holds ${deps.maxSubscriptions} subscriptions already`);
    }
    // Remembered so the downlink knows which command topics this connection receives.
    session.filters.set(subscription.topic, subscription.qos);
    done(null, subscription);
  };
}
