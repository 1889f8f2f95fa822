import type { Aedes, Client } from 'aedes';
import type { Logger } from '@hearth/platform';
import type { ConnectionAdmission } from './connection-admission';
import type { Connections } from './connections';
import type { ConnectionHandler } from './listeners';
import { guardPacketSize, type PacketRefusal } from './packet-size-guard';
import type { PacketChecks } from './packet-checks';
import { protocolRefusal } from './protocol-refusals';
import type { RejectionLog } from './rejection-log';
import type { Sessions } from './sessions';

export interface FrontDoorDeps {
  aedes: Aedes;
  sessions: Sessions;
  connections: Connections;
  admission: ConnectionAdmission;
  packetChecks: PacketChecks;
  rejections: RejectionLog;
  logger: Logger;
  limits: { maxPacketBytes: number; maxBytesBeforeAuth: number };
}

/**
 * Every connection, before and around Aedes: the per-address connection rate (refused by
 * closing at once, before any MQTT is read), then the packet guard on what it sends. Refusals
 * are counted, and logged at debug: a flood of them must not become a flood of log lines.
 */
export function createFrontDoor(deps: FrontDoorDeps): ConnectionHandler {
  const { aedes, sessions, connections, admission, packetChecks, limits } = deps;
  countProtocolRefusals(deps);
  return (stream, address, req) => {
    if (!admission.admitConnection(address)) {
      deps.rejections.record({ reason: 'MQTT_CONNECTION_RATE_LIMITED', detail: `too many connections from ${address}` });
      deps.logger.debug({ address }, 'connection refused: rate limit');
      stream.on('error', () => undefined);
      return void stream.destroy();
    }
    const client = aedes.handle(stream, req);
    connections.opened(client, address);
    const guardLimits = { ...limits, authenticated: () => sessions.get(client) !== undefined };
    guardPacketSize(
      stream,
      guardLimits,
      (refusal) => {
        record(deps, client, refusal, address);
        stream.destroy();
      },
      packetChecks.forConnection(),
    );
  };
}

/** What Aedes and its parser refuse on their own is counted too (see `protocolRefusal`). */
function countProtocolRefusals(deps: FrontDoorDeps): void {
  const { aedes, connections, logger } = deps;
  const onError = (client: Client, err: Error) => {
    const refusal = protocolRefusal(err);
    if (refusal) return record(deps, client, refusal, connections.addressOf(client));
    logger.debug({ clientId: client.id, gatewayId: deps.sessions.get(client)?.gatewayId, err: err.message }, 'connection error');
  };
  aedes.on('clientError', onError);
  aedes.on('connectionError', onError);
}

function record(deps: FrontDoorDeps, client: Client, refusal: PacketRefusal, address: string): void {
  const session = deps.sessions.get(client);
  deps.rejections.record({ ...refusal, ...(session ? { gatewayId: session.gatewayId, tenantId: session.tenantId } : {}) });
  deps.logger.debug({ gatewayId: session?.gatewayId, clientId: client.id, address, ...refusal }, 'connection refused');
}
