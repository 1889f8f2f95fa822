import { counter } from '../http/metrics';

/**
 * The largest GraphQL request a service reads: one HTTP body or one graphql-ws message (1 MiB).
 * Every console page and partner integration sends a few kilobytes; a document or variables
 * object past this is a mistake or an attack, and is refused before it is buffered or parsed.
 */
export const MAX_GRAPHQL_REQUEST_BYTES = 1_048_576;

/** Why a graphql-ws socket was refused at the transport, before any GraphQL ran. */
export type WsRejection = 'message_too_large' | 'protocol_error';

export const graphqlWsRejections = counter(
  'hearth_graphql_ws_rejections_total',
  'graphql-ws sockets closed at the transport before any GraphQL ran, by service and reason (message_too_large: a frame over the 1 MiB request limit, close code 1009; protocol_error: an invalid WebSocket frame).',
  ['service', 'reason'],
);
