import { handleProtocols, makeServer, type ConnectionInitMessage, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import { graphqlWsRejections, MAX_GRAPHQL_REQUEST_BYTES, type WsRejection } from './request-limits';

/**
 * Bytes a socket may have queued before a subscription waits for its client to read. Small on
 * purpose: what waits in a socket can no longer be replaced by a newer state, so a slow client
 * should fall behind in the subscriber's queue (which keeps the newest event per entity), not here.
 */
export const SEND_HIGH_WATER_BYTES = 16 * 1024;

/** graphql-ws's close code for a failure on our side. */
const INTERNAL_ERROR = 4500;

/** How one service serves graphql-ws. */
export interface GraphqlWsSettings {
  /** Names the service in the rejection metric. */
  service: string;
  /** Ping interval; a client that misses a pong for as long is disconnected. */
  keepAliveMs: number;
  /** Largest message read (default MAX_GRAPHQL_REQUEST_BYTES, the HTTP body limit). */
  maxMessageBytes?: number;
}

/** `ws` reports a frame over `maxPayload` with this code, after closing with 1009. */
const TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/**
 * graphql-ws over a `ws` server, for the gateway and every subgraph. Unlike graphql-ws's own
 * adapter, a message is taken as sent once the socket has queued it, while the socket has less
 * than `SEND_HIGH_WATER_BYTES` waiting: waiting for each write to reach the kernel let one
 * subscription send one event per turn of the event loop, so a subscriber of a thousand tanks
 * fell behind whenever a turn was long. A client that stops reading still holds its subscription
 * back once its socket is full, so memory stays bounded. Pings every `keepAliveMs`; a client that
 * misses a pong for as long is disconnected.
 *
 * A message longer than `maxMessageBytes` is refused by `ws` as soon as its frame header
 * announces the length, before anything is buffered, parsed or authenticated, with close code
 * 1009 "message too big" (RFC 6455 §7.4.1); fragments of one message count together.
 */
export function useGraphqlWs<
  P extends ConnectionInitMessage['payload'] = ConnectionInitMessage['payload'],
  E extends Record<PropertyKey, unknown> = Record<PropertyKey, never>,
>(options: ServerOptions<P, Extra & Partial<E>>, wss: WebSocketServer, settings: GraphqlWsSettings): { dispose(): Promise<void> } {
  const { keepAliveMs } = settings;
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  // Read per upgrade by `ws`, so setting it here covers every socket this server accepts.
  wss.options.maxPayload = settings.maxMessageBytes ?? MAX_GRAPHQL_REQUEST_BYTES;
  wss.on('connection', (socket, request) => {
    socket.once('error', (err: Error & { code?: string }) => {
      // An invalid or oversized frame: `ws` has already sent its close code (1009, 1002, …).
      const reason: WsRejection = err.code === TOO_LARGE ? 'message_too_large' : 'protocol_error';
      graphqlWsRejections.inc({ service: settings.service, reason });
      socket.close(INTERNAL_ERROR, 'Internal server error');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => sendQueued(socket, data),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (message: Buffer) => {
            handle(String(message)).catch(() => socket.close(INTERNAL_ERROR, 'Internal server error'));
          }),
      },
      { socket, request } as Extra & Partial<E>,
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });
  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Resolves once `data` is queued on an uncongested socket, or once it is written when the socket is congested. */
export function sendQueued(socket: Extra['socket'], data: string): Promise<void> {
  if (socket.readyState !== socket.OPEN) return Promise.resolve();
  corkForThisTurn(socket);
  if (socket.bufferedAmount < SEND_HIGH_WATER_BYTES) {
    // A failed write closes the socket, which ends its subscriptions.
    socket.send(data, () => undefined);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => socket.send(data, (err) => (err ? reject(err) : resolve())));
}

const corked = new WeakSet<object>();

/**
 * Frames sent to one socket in one turn (a committed batch's changes for the many subscriptions an
 * upstream connection carries, or for one subscriber of many tanks) leave in one write instead of
 * one each: the TCP socket under the WebSocket (`ws`'s `_socket`) is corked at the first and
 * uncorked once the turn's promise reactions have run.
 */
function corkForThisTurn(socket: Extra['socket']): void {
  const tcp = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  if (!tcp || corked.has(tcp)) return;
  corked.add(tcp);
  tcp.cork();
  process.nextTick(() => {
    corked.delete(tcp);
    tcp.uncork();
  });
}
