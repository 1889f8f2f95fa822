import type { AedesOptions, AuthenticateError, AuthErrorCode, Client } from 'aedes';
import { HashingBusyError, type Logger, type MqttRejectionReason } from '@hearth/platform';
import { clientIdProblem, scopedClientId } from '../client-ids';
import type { ConnectionAdmission } from '../connection-admission';
import type { Connections } from '../connections';
import type { CredentialWatch } from '../credential-watch';
import type { RejectionLog } from '../rejection-log';
import type { Sessions } from '../sessions';
import { isGatewayId } from '../topics';
import type { AuthenticatedGateway, DeviceRegistry } from '../types';

export interface AuthenticateDeps {
  registry: DeviceRegistry;
  sessions: Sessions;
  rejections: RejectionLog;
  logger: Logger;
  connections: Connections;
  admission: ConnectionAdmission;
  /** Ends the connection when a rotated secret's grace period is over. */
  credentials?: CredentialWatch;
}

/** CONNACK return codes of MQTT 3.1.1 §3.2.2.3 that we answer with. */
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

const refusal = (returnCode: number, message: string): AuthenticateError => Object.assign(new Error(message), { returnCode: returnCode as AuthErrorCode });

type Done = Parameters<NonNullable<AedesOptions['authenticate']>>[3];

/**
 * CONNECT: username = gateway id, password = the secret issued at provisioning (DESIGN §3).
 * During a rotation's grace period the replaced secret is accepted too (until the grace ends).
 * A refusal is a CONNACK with a non-zero return code, after which the server closes the
 * connection [MQTT-3.2.2-5]. Steps, cheapest first: the client id, the username's form, the
 * source address's failure allowance, and only then the (slow) secret check.
 */
export function createAuthenticate(deps: AuthenticateDeps): NonNullable<AedesOptions['authenticate']> {
  return function authenticate(client, username, password, done) {
    const address = deps.connections.addressOf(client);
    const refuse = (reason: MqttRejectionReason, returnCode: number, detail: string, level: 'info' | 'debug' = 'info') => {
      deps.rejections.record({ reason, detail, ...(username && isGatewayId(username) ? { gatewayId: username } : {}) });
      deps.logger[level]({ clientId: client.id, username: username?.slice(0, 80), address, reason, detail }, 'connection refused');
      done(refusal(returnCode, detail), false);
    };
    const request = deps.connections.requestOf(client);
    const idProblem = request && clientIdProblem(request);
    if (idProblem) return refuse('MQTT_IDENTIFIER_REJECTED', IDENTIFIER_REJECTED, idProblem);
    if (!username || !isGatewayId(username)) return refuse('MQTT_BAD_CREDENTIALS', BAD_USERNAME_OR_PASSWORD, 'username is not a gateway id');
    if (!password || password.length === 0) return refuse('MQTT_BAD_CREDENTIALS', BAD_USERNAME_OR_PASSWORD, 'no password');
    // Debug only: a flood of these is what the throttle is for, and must not become a flood of log lines.
    if (!deps.admission.mayVerify(address)) return refuse('MQTT_AUTH_THROTTLED', NOT_AUTHORIZED, 'too many failed CONNECTs from this address', 'debug');

    void deps.registry
      .authenticateGateway(username, Buffer.from(password).toString('utf8'))
      .then(
        (identity) => {
          if (!identity) return refuse('MQTT_BAD_CREDENTIALS', BAD_USERNAME_OR_PASSWORD, 'unknown gateway or wrong secret');
          deps.admission.verified(address);
          accept(deps, client, identity, done);
        },
        (err: unknown) => {
          deps.admission.verified(address);
          // Secret checking is at its process-wide limit: refused unchecked, "try again later".
          if (err instanceof HashingBusyError) return refuse('MQTT_AUTH_BUSY', SERVER_UNAVAILABLE, 'too many secret checks waiting', 'debug');
          deps.logger.error({ err, gatewayId: username }, 'gateway authentication failed');
          done(refusal(SERVER_UNAVAILABLE, 'authentication unavailable'), false);
        },
      )
      .catch((err: unknown) => deps.logger.error({ err, gatewayId: username }, 'connect handling failed'));
  };
}

function accept(deps: AuthenticateDeps, client: Client, identity: AuthenticatedGateway, done: Done): void {
  // Aedes keeps the session under this id from here on (persistence, takeover [MQTT-3.1.4-2], Last Will):
  // scoped by the gateway, one gateway's CONNECT never reaches another's session.
  client.id = scopedClientId(identity.gatewayId, client.id);
  const session = deps.sessions.open(client, identity);
  deps.credentials?.opened(session);
  deps.registry.gatewayConnected?.(identity.gatewayId);
  done(null, true);
}
