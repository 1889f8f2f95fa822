import type { AedesOptions, AuthenticateError, AuthErrorCode } from 'aedes';
import type { Logger } from '@hearth/platform';
import type { CredentialWatch } from '../credential-watch';
import type { RejectionLog } from '../rejection-log';
import type { Sessions } from '../sessions';
import { isGatewayId } from '../topics';
import type { DeviceRegistry } from '../types';

export interface AuthenticateDeps {
  registry: DeviceRegistry;
  sessions: Sessions;
  rejections: RejectionLog;
  logger: Logger;
  /** Ends the connection when a rotated secret's grace period is over. */
  credentials?: CredentialWatch;
}

/** CONNACK return codes of MQTT 3.1.1 §3.2.2.3 that we answer with. */
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;

const refusal = (returnCode: number, message: string): AuthenticateError => Object.assign(new Error(message), { returnCode: returnCode as AuthErrorCode });

/**
 * CONNECT: username = gateway id, password = the secret issued at provisioning (DESIGN §3).
 * During a rotation's grace period the replaced secret is accepted too (until the grace ends).
 * A refusal is a CONNACK with a non-zero return code, after which the server closes the
 * connection [MQTT-3.2.2-5].
 */
export function createAuthenticate(deps: AuthenticateDeps): NonNullable<AedesOptions['authenticate']> {
  return function authenticate(client, username, password, done) {
    const badCredentials = (detail: string) => {
      deps.rejections.record({ reason: 'MQTT_BAD_CREDENTIALS', detail, ...(username && isGatewayId(username) ? { gatewayId: username } : {}) });
      deps.logger.info({ clientId: client.id, username: username?.slice(0, 80), detail }, 'connection refused');
      done(refusal(BAD_USERNAME_OR_PASSWORD, 'bad user name or password'), false);
    };
    if (!username || !isGatewayId(username)) return badCredentials('username is not a gateway id');
    if (!password || password.length === 0) return badCredentials('no password');

    void deps.registry
      .authenticateGateway(username, Buffer.from(password).toString('utf8'))
      .then(
        (identity) => {
          if (!identity) return badCredentials('unknown gateway or wrong secret');
          // A client id held by another gateway would let this one take over its session [MQTT-3.1.4-2].
          const holder = deps.sessions.holderOf(client.id);
          if (holder && holder.gatewayId !== identity.gatewayId) {
            deps.logger.warn({ clientId: client.id, gatewayId: identity.gatewayId, holder: holder.gatewayId }, 'client id in use by another gateway');
            return done(refusal(IDENTIFIER_REJECTED, 'client id in use by another gateway'), false);
          }
          const session = deps.sessions.open(client, identity);
          deps.credentials?.opened(session);
          deps.registry.gatewayConnected?.(identity.gatewayId);
          done(null, true);
        },
        (err: unknown) => {
          deps.logger.error({ err, gatewayId: username }, 'gateway authentication failed');
          done(refusal(SERVER_UNAVAILABLE, 'authentication unavailable'), false);
        },
      )
      .catch((err: unknown) => deps.logger.error({ err, gatewayId: username }, 'connect handling failed'));
  };
}
