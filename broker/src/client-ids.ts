/**
 * Client ids are scoped by the gateway that authenticated (DESIGN §3, README "Client ids"):
 * the broker keeps a session under `{gatewayId}/{client id}`, so one gateway's CONNECT can
 * neither refuse, take over nor wipe another gateway's session, whatever client id it sends.
 * Gateway ids never contain `/` (`isGatewayId`), so the scoped id says whose it is.
 * MQTT 3.1.1 gives the client no way to learn the id the server keeps [MQTT-3.1.3-6],
 * so this changes nothing a gateway sees.
 */
export const scopedClientId = (gatewayId: string, clientId: string): string => `${gatewayId}/${clientId}`;

/** What a CONNECT asked for, kept until the gateway is authenticated. */
export interface ConnectRequest {
  clientId: string;
  cleanSession: boolean;
}

/**
 * A zero-length client id is only allowed with clean session 1, where the server assigns one
 * [MQTT-3.1.3-6]; with clean session 0 it must be refused with CONNACK 2 [MQTT-3.1.3-8]:
 * there would be no id to find the persistent session under again.
 */
export const clientIdProblem = (request: ConnectRequest): string | undefined =>
  request.clientId.length === 0 && !request.cleanSession ? 'zero-length client id with clean session 0 [MQTT-3.1.3-8]' : undefined;
