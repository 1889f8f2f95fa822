import { createClient, type Client } from 'graphql-ws';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';
import { CONTEXT_HEADER, HearthError, type CallerContext, type Logger } from '@hearth/platform';
import type { OpenUpstream, UpstreamRequest } from './upstream-hub';

export interface GraphqlWsUpstreamOptions {
  /** Ping interval; a ping without a pong within the same time counts the subgraph as gone. */
  heartbeatMs: number;
  logger: Logger;
  /** Signs the context the upstream connection is opened with. */
  sign(context: CallerContext): Promise<string>;
}

/** The graphql-ws URL of a subgraph: same host and path, ws scheme. */
export const toWsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** One graphql-ws connection to a subgraph for one tenant, and how many subscriptions use it. */
interface SharedConnection {
  client: Client;
  subscriptions: number;
}

/**
 * Opens upstream subscriptions over one graphql-ws connection per subgraph and tenant, with a
 * signed context for the tenant as connection params: a thousand subscribers of one tank each
 * are a thousand subscriptions on one socket, not a thousand sockets with their own handshake
 * and heartbeat. The connection closes with its last subscription; when it is lost, every
 * subscription on it fails and the next subscriber opens a new one.
 */
export function openGraphqlWsUpstream(options: GraphqlWsUpstreamOptions): OpenUpstream {
  const connections = new Map<string, SharedConnection>();

  const connect = (key: string, request: UpstreamRequest): SharedConnection => {
    let pongWait: NodeJS.Timeout | undefined;
    const client = createClient({
      url: toWsUrl(request.url),
      webSocketImpl: WebSocket,
      // The gateway subscribes for the tenant, on behalf of every subscriber who shares this
      // connection (each was checked at the gateway), so the context names the gateway itself.
      connectionParams: async () => ({
        [CONTEXT_HEADER]: await options.sign({
          tenantId: request.tenantId ?? '',
          requestId: request.requestId,
          principal: { kind: 'service', id: 'gateway' },
          scopes: [`${request.serviceName}:read`],
        }),
      }),
      // No silent reconnects: events missed meanwhile would be lost unnoticed. Subscribers get
      // UPSTREAM_UNAVAILABLE and resubscribe when they choose.
      retryAttempts: 0,
      lazy: false,
      // A lost connection reaches every subscription on it as an error, logged there once.
      onNonLazyError: () => undefined,
      keepAlive: options.heartbeatMs,
      on: {
        ping: (received) => {
          if (!received) pongWait = setTimeout(() => client.terminate(), options.heartbeatMs);
        },
        pong: (received) => {
          if (received) clearTimeout(pongWait);
        },
        closed: () => {
          clearTimeout(pongWait);
          if (connections.get(key) === shared) connections.delete(key);
        },
      },
    });
    const shared: SharedConnection = { client, subscriptions: 0 };
    connections.set(key, shared);
    options.logger.debug({ subgraph: request.serviceName, tenantId: request.tenantId, requestId: request.requestId }, 'upstream connection opened');
    return shared;
  };

  return (request, sink) => {
    const key = JSON.stringify([request.url, request.serviceName, request.tenantId ?? '']);
    const shared = connections.get(key) ?? connect(key, request);
    shared.subscriptions++;
    let finished = false;
    const finish = (beforeLeaving = () => {}) => {
      finished = true;
      beforeLeaving();
      if (--shared.subscriptions > 0) return;
      if (connections.get(key) === shared) connections.delete(key);
      // One line per connection, not per subscription: a client leaving with a thousand is routine.
      options.logger.debug({ subgraph: request.serviceName, tenantId: request.tenantId }, 'upstream connection closed: no subscriptions left');
      void shared.client.dispose();
    };
    const unsubscribe = shared.client.subscribe(
      {
        query: request.query,
        operationName: request.operationName,
        variables: request.variables,
      },
      {
        next: (payload) => sink.next({ data: payload.data, errors: payload.errors }),
        error: (error: unknown) => {
          if (finished) return;
          finish();
          sink.error(upstreamErrors(request, error, options.logger));
        },
        complete: () => {
          if (finished) return;
          finish();
          sink.complete();
        },
      },
    );
    return () => {
      if (finished) return;
      // Complete the operation on the subgraph before the connection may close.
      finish(unsubscribe);
    };
  };
}

/** GraphQL errors from the subgraph keep their codes; a lost connection becomes UPSTREAM_UNAVAILABLE. */
function upstreamErrors(request: UpstreamRequest, error: unknown, logger: Logger): GraphQLError[] {
  const serviceName = request.serviceName;
  if (Array.isArray(error) && error.length > 0) {
    return (error as GraphQLFormattedError[]).map(
      (e) =>
        new GraphQLError(e.message, {
          extensions: { ...e.extensions, serviceName },
        }),
    );
  }
  const close = error as { code?: unknown; reason?: unknown };
  logger.warn(
    {
      subgraph: serviceName,
      closeCode: close.code,
      reason: close.reason,
      err: error instanceof Error ? error : undefined,
    },
    'upstream subscription lost',
  );
  return [
    new HearthError('UPSTREAM_UNAVAILABLE', `The ${serviceName} service ended this subscription unexpectedly. Subscribe again with back-off.`, { serviceName }),
  ];
}
