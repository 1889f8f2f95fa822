import { createClient, type Client as WsClient, type FormattedExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws';
import { live } from './connection.svelte';
import { RETRY_REFRESH_MS, type SessionManager } from './session';

/** graphql-ws close codes the gateway uses for an ended session and a missing scope. */
const CLOSE_UNAUTHENTICATED = 4401;
const CLOSE_FORBIDDEN = 4403;
/** Ours: the session was renewed, reconnect at once so the gateway sees the new token. */
const CLOSE_RESTART = 4205;

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event ? (event as { code: number }).code : undefined;
}

function describeClose(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  const code = closeCode(reason);
  if (code === CLOSE_UNAUTHENTICATED) return 'the session has ended (4401)';
  if (code === CLOSE_FORBIDDEN) return 'your permissions changed (4403)';
  if (code !== undefined) {
    const text = (reason as { reason?: string }).reason;
    return `socket closed (${code}${text ? `: ${text}` : ''})`;
  }
  return 'connection failed';
}

/**
 * The console's graphql-ws connection, carrying the session. The token goes in
 * `connection_init` and is read when each socket opens, so reconnects use the current one;
 * a renewal restarts an open socket so the gateway never holds an expired token. When the
 * gateway ends the session on the socket (4401) every subscription renews it once and
 * subscribes again; an ended session stops the connection for good. 4403 means the viewer's
 * scopes changed (the gateway asks to connect again): `onForbidden` lets the app re-read them.
 */
export class LiveConnection {
  #url: string;
  #session: SessionManager;
  #client: WsClient | undefined;
  #socket: WebSocket | undefined;
  /** The token of the current (or last) connection_init. */
  #sentToken: string | null = null;
  /** Counts acknowledged connections; a renewal only helps if one succeeds after it. */
  #connections = 0;
  #restartPending = false;
  #onForbidden: () => void;

  constructor(url: string, session: SessionManager, onForbidden: () => void = () => {}) {
    this.#url = url;
    this.#session = session;
    this.#onForbidden = onForbidden;
    session.subscribe((change) => {
      if (change.type === 'refreshed') this.#restartIfStale();
      if (change.type === 'ended') {
        const client = this.#client;
        this.#client = undefined;
        void Promise.resolve(client?.dispose()).catch(() => undefined);
      }
    });
  }

  subscribe<Data, Extensions>(payload: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, Extensions>>): () => void {
    let stopped = false;
    let renewedAt = -1;
    let unsubscribe = () => {};
    const start = () => {
      unsubscribe = this.#ws().subscribe<Data, Extensions>(payload, {
        next: (value) => sink.next(value),
        complete: () => sink.complete(),
        error: (err) => {
          if (stopped) return;
          // A renewed token refused before any connection succeeded with it: renewing again won't help.
          if (closeCode(err) !== CLOSE_UNAUTHENTICATED || renewedAt === this.#connections) return sink.error(err);
          const refused = this.#sentToken ?? undefined;
          void this.#session.refresh(refused).then((token) => {
            if (stopped) return;
            if (token && token !== refused) {
              renewedAt = this.#connections;
              start();
            } else if (this.#session.current) {
              // Renewal failed for now (gateway unreachable); try again as the manager does.
              setTimeout(() => !stopped && start(), RETRY_REFRESH_MS);
            } else {
              sink.error(err);
            }
          });
        },
      });
    };
    start();
    return () => {
      stopped = true;
      unsubscribe();
    };
  }

  #restartIfStale(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.#sentToken === this.#session.current?.accessToken) return;
    this.#restartPending = true;
    socket.close(CLOSE_RESTART, 'Session renewed');
  }

  #ws(): WsClient {
    this.#client ??= createClient({
      url: this.#url,
      lazy: true,
      connectionParams: async () => {
        const token = await this.#session.accessToken();
        this.#sentToken = token;
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      // An operations screen must heal by itself after a gateway restart or network blip; only an
      // ended session is final.
      retryAttempts: Infinity,
      shouldRetry: () => this.#session.current !== null,
      retryWait: async (retries) => {
        if (this.#restartPending) {
          this.#restartPending = false;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000)));
      },
      keepAlive: 15_000,
      // Re-subscribing with a new id list should not tear the socket down in between.
      lazyCloseTimeout: 5_000,
      on: {
        opened: (socket) => {
          this.#socket = socket as WebSocket;
        },
        connecting: () => {
          if (live.status !== 'reconnecting') live.status = 'connecting';
        },
        connected: () => {
          this.#connections += 1;
          // A reconnect after an outage means events may have been missed; pages refetch on this.
          if (live.status === 'reconnecting') live.recoveries += 1;
          live.status = 'connected';
          live.lastError = null;
          live.connections += 1;
          // Renewed while this socket was connecting: it still carries the old token.
          this.#restartIfStale();
        },
        closed: (event) => {
          this.#socket = undefined;
          const code = closeCode(event);
          if (code === CLOSE_FORBIDDEN) this.#onForbidden();
          // 1000 is our own lazy close after the last subscription ended: not an outage.
          if (code === 1000) {
            live.status = 'idle';
            return;
          }
          live.status = 'reconnecting';
          live.lastError = describeClose(event);
        },
        error: (error) => {
          live.lastError = describeClose(error);
        },
      },
    });
    return this.#client;
  }
}
