import { createClient } from 'graphql-ws';
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

/**
 * Opens each upstream subscription on its own graphql-ws connection to the subgraph, with
 * a signed context for the subscribers' tenant as connection params.
 */
export function openGraphqlWsUpstream(options: GraphqlWsUpstreamOptions): OpenUpstream {
  return (request, sink) => {
    let pongWait: NodeJS.Timeout | undefined;
    let finished = false;
    const client = createClient({
      url: toWsUrl(request.url),
      webSocketImpl: WebSocket,
      // The gateway subscribes for the tenant, on behalf of every subscriber who shares this
      // upstream (each was checked at the gateway), so the context names the gateway itself.
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
      keepAlive: options.heartbeatMs,
      on: {
        ping: (received) => {
          if (!received) pongWait = setTimeout(() => client.terminate(), options.heartbeatMs);
        },
        pong: (received) => {
          if (received) clearTimeout(pongWait);
        },
      },
    });
    const finish = (beforeClosing = () => {}) => {
      finished = true;
      clearTimeout(pongWait);
      beforeClosing();
      void client.dispose();
    };
    options.logger.debug({ subgraph: request.serviceName, tenantId: request.tenantId, requestId: request.requestId }, 'upstream subscription opened');
    const unsubscribe = client.subscribe(
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
      // Complete the operation on the subgraph before closing the socket.
      finish(unsubscribe);
      options.logger.debug({ subgraph: request.serviceName }, 'upstream subscription closed: no subscribers left');
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
