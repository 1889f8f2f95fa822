import type { AedesOptions } from 'aedes';
import type { Logger } from '@hearth/platform';
import type { RejectionLog } from '../rejection-log';
import type { Sessions } from '../sessions';
import { mayGatewaySubscribe } from '../topics';

export interface AuthorizeSubscribeDeps {
  sessions: Sessions;
  rejections: RejectionLog;
  logger: Logger;
}

/**
 * A gateway subscribes only to its own command topics (DESIGN §3). A refused filter gets the
 * SUBACK return code 0x80 "Failure" (MQTT 3.1.1 §3.9.3); each filter of a SUBSCRIBE gets its
 * own return code, in order [MQTT-3.9.3-1], so the allowed ones still work. The connection stays
 * open: a gateway asking for too much is usually a configuration slip and can read nothing.
 */
export function createAuthorizeSubscribe(deps: AuthorizeSubscribeDeps): NonNullable<AedesOptions['authorizeSubscribe']> {
  return function authorizeSubscribe(client, subscription, done) {
    const session = deps.sessions.get(client);
    if (session && mayGatewaySubscribe(subscription.topic, session.gatewayId)) {
      // Remembered so the downlink knows which command topics this connection receives.
      session.filters.set(subscription.topic, subscription.qos);
      return done(null, subscription);
    }
    const detail = `subscribe to ${subscription.topic.slice(0, 200)}`;
    deps.rejections.record({ reason: 'MQTT_TOPIC_FORBIDDEN', detail, ...(session ? { gatewayId: session.gatewayId, tenantId: session.tenantId } : {}) });
    deps.logger.info({ gatewayId: session?.gatewayId, clientId: client.id, detail }, 'subscription refused');
    // Aedes turns a null subscription into return code 0x80.
    done(null, null);
  };
}
