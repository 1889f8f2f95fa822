import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { normaliseAddress } from './connections';

export interface ListenOptions {
  /** MQTT over TCP (1883 by convention; 0 = any free port). */
  tcpPort: number;
  /** MQTT over WebSocket on path `/mqtt`. */
  wsPort?: number;
  host?: string;
  /** MQTT over TLS (8883 by convention); `cert` and `key` are PEM text. */
  tls?: { port: number; cert: string; key: string };
}

export interface ListeningPorts {
  tcpPort: number;
  wsPort?: number;
  tlsPort?: number;
}

export interface Listeners {
  ports: ListeningPorts;
  /** Stops accepting connections; resolves once every server has closed. */
  stopAccepting(): Promise<void>;
  /** Cuts whatever connections remain (e.g. sockets that never sent CONNECT). */
  destroyConnections(): void;
}

/** `address`: the peer's IP address, what per-address limits key on. */
export type ConnectionHandler = (stream: Duplex, address: string, req?: IncomingMessage) => void;

export const webSocketPath = '/mqtt';

/**
 * The network side of the broker. Every socket gets TCP_NODELAY: MQTT packets are small and
 * latency-bound, and Nagle's algorithm measurably added 13–50 ms to a PUBACK round trip.
 */
export async function startListeners(
  handle: ConnectionHandler,
  options: ListenOptions,
  limits: { maxFrameBytes: number; onError: (err: Error) => void },
): Promise<Listeners> {
  const sockets = new Set<Socket>();
  const track = <S extends Server>(server: S): S => {
    // After listen() an error (EMFILE on accept, …) must be logged, not thrown as an unhandled 'error' event.
    server.on('error', limits.onError);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    return server;
  };
  const servers: Server[] = [];
  const ports: ListeningPorts = { tcpPort: 0 };
  const wsServers: WebSocketServer[] = [];
  try {
    const tcp = track(createTcpServer({ noDelay: true }, (socket) => handle(socket, normaliseAddress(socket.remoteAddress))));
    servers.push(tcp);
    ports.tcpPort = await listenOn(tcp, options.tcpPort, options.host);

    if (options.tls) {
      const { cert, key, port } = options.tls;
      const tls = track(
        createTlsServer({ cert, key, noDelay: true, minVersion: 'TLSv1.2' }, (socket) => {
          socket.setNoDelay(true);
          handle(socket, normaliseAddress(socket.remoteAddress));
        }),
      );
      tls.on('tlsClientError', () => undefined); // a failed handshake is the client's problem, not a crash
      servers.push(tls);
      ports.tlsPort = await listenOn(tls, port, options.host);
    }

    if (options.wsPort !== undefined) {
      const http = track(createHttpServer({ noDelay: true }, refusePlainHttp));
      servers.push(http);
      wsServers.push(attachWebSocket(http, handle, limits.maxFrameBytes));
      ports.wsPort = await listenOn(http, options.wsPort, options.host);
    }
  } catch (err) {
    for (const socket of sockets) socket.destroy();
    for (const wss of wsServers) wss.close();
    await Promise.all(servers.map((s) => closeServer(s)));
    throw err;
  }

  return {
    ports,
    stopAccepting: async () => {
      for (const wss of wsServers) wss.close();
      await Promise.all(servers.map((s) => closeServer(s)));
    },
    destroyConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** MQTT over WebSocket (MQTT 3.1.1 §6): binary frames on `/mqtt`, sub-protocol "mqtt". */
function attachWebSocket(server: HttpServer, handle: ConnectionHandler, maxFrameBytes: number): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: webSocketPath,
    maxPayload: maxFrameBytes,
    // The server MUST select "mqtt" when the client offers it [MQTT-6.0.0-4]; "mqttv3.1" is what 3.1 clients offer.
    handleProtocols: (offered) => (offered.has('mqtt') ? 'mqtt' : offered.has('mqttv3.1') ? 'mqttv3.1' : false),
  });
  wss.on('error', () => undefined); // errors of the underlying HTTP server surface through listen()
  wss.on('connection', (ws, req) => {
    req.socket.setNoDelay(true);
    // MQTT travels in binary frames; a text frame means the peer is not speaking MQTT [MQTT-6.0.0-1].
    ws.on('message', (_data, isBinary) => {
      if (!isBinary) ws.close(1003, 'MQTT needs binary frames');
    });
    const stream = createWebSocketStream(ws);
    stream.on('error', () => undefined); // Aedes attaches its own handler; this covers the gap before and after
    handle(stream, normaliseAddress(req.socket.remoteAddress), req);
  });
  return wss;
}

function refusePlainHttp(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain' });
  res.end(`MQTT over WebSocket: connect to ${webSocketPath} with the "mqtt" sub-protocol.\n`);
}

function listenOn(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}
