import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { live } from './connection.svelte';

/** The gateway serves graphql-ws on the same URL as HTTP (DESIGN §5); only the scheme differs. */
export function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  const code = closeCode(reason);
  if (code !== undefined) {
    const text = (reason as { reason?: string }).reason;
    return `socket closed (${code}${text ? `: ${text}` : ''})`;
  }
  return 'connection failed';
}

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event ? (event as { code: number }).code : undefined;
}

function createLiveClient(wsUrl: string): WsClient {
  return createWsClient({
    url: wsUrl,
    lazy: true,
    // An operations screen must heal by itself after a gateway restart or network blip.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000)));
    },
    keepAlive: 15_000,
    // Re-subscribing with a new id list should not tear the socket down in between.
    lazyCloseTimeout: 5_000,
    on: {
      connecting: () => {
        if (live.status !== 'reconnecting') live.status = 'connecting';
      },
      connected: () => {
        // A reconnect after an outage means events may have been missed; pages refetch on this.
        if (live.status === 'reconnecting') live.recoveries += 1;
        live.status = 'connected';
        live.lastError = null;
        live.connections += 1;
      },
      closed: (event) => {
        // 1000 is our own lazy close after the last subscription ended: not an outage.
        if (closeCode(event) === 1000) {
          live.status = 'idle';
          return;
        }
        live.status = 'reconnecting';
        live.lastError = describe(event);
      },
      error: (error) => {
        live.lastError = describe(error);
      },
    },
  });
}

/**
 * The console's urql client. No cacheExchange on purpose: pages keep their own $state built
 * from queries and subscription events, and a cache would only hand back stale twins.
 * The graphql-ws client is created on the first subscription, so this is safe to call
 * during SSR (Node 20 has no global WebSocket).
 */
export function createApiClient(httpUrl: string): Client {
  let ws: WsClient | undefined;
  return new Client({
    url: httpUrl,
    // urql would send queries as GET; CSRF protection in GraphQL servers (Apollo's among them)
    // rejects simple GETs without special headers, so always POST JSON.
    preferGetMethod: false,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          ws ??= createLiveClient(toWebSocketUrl(httpUrl));
          const socket = ws;
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: socket.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
}
