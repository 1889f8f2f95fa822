import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { FetchLike } from './graphql-request';
import { LiveConnection } from './live-client';
import type { SessionManager } from './session';

/** The gateway serves graphql-ws on the same URL as HTTP (DESIGN §5); only the scheme differs. */
export function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The console's urql client. No cacheExchange on purpose: pages keep their own $state built
 * from queries and subscription events, and a cache would only hand back stale twins.
 * Credentials ride on `authFetch` (HTTP) and the LiveConnection (graphql-ws), both from the
 * one session; the socket opens on the first subscription. `onForbidden`: the gateway closed
 * the socket because the viewer's scopes changed.
 */
export function createApiClient(httpUrl: string, session: SessionManager, authFetch: FetchLike, onForbidden?: () => void): Client {
  const liveConnection = new LiveConnection(toWebSocketUrl(httpUrl), session, onForbidden);
  return new Client({
    url: httpUrl,
    fetch: authFetch,
    // urql would send queries as GET; CSRF protection in GraphQL servers (Apollo's among them)
    // rejects simple GETs without special headers, so always POST JSON.
    preferGetMethod: false,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe: (sink) => ({ unsubscribe: liveConnection.subscribe(input, sink) }),
          };
        },
      }),
    ],
  });
}
