import type { Server } from 'node:http';
import type { BlockList } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { HearthError, type Logger } from '@hearth/platform';
import { useGraphqlWs } from '@hearth/platform/graphql';
import type { AccessPolicy } from '../access/admission';
import { clientAddress } from '../access/client-address';
import type { Gatekeeper } from '../access/gatekeeper';
import { trustedOnly } from '../access/trusted-operations';
import { gatewayContext, type GatewayContext } from '../context/gateway-context';
import type { Authenticated } from '../identity/authenticator';
import { credentialFrom } from '../identity/credentials';
import type { SubscriptionEngine } from '../subscriptions/subscription-engine';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { executeOverWs } from './execute-over-ws';
import { prepareOperation, type WsOperation } from './prepare-operation';
import { SubscriptionLimits, type ConnectionSubscriptions, type SubscriptionLimitSettings } from './subscription-limits';

export interface GraphqlWsOptions {
  httpServer: Server;
  logger: Logger;
  corsOrigins: string[];
  /** Load balancers whose X-Forwarded-For names the caller's address (access/client-address.ts). */
  trustedProxies?: BlockList;
  /** Server ping interval; a client that misses a pong for as long is disconnected. */
  heartbeatMs: number;
  supergraph(): LoadedSupergraph | undefined;
  apollo(): ApolloServer<GatewayContext> | undefined;
  subscribe: SubscriptionEngine;
  gatekeeper: Gatekeeper;
  policy: AccessPolicy;
  /** Subscriptions per connection and per user or API key (default DEFAULT_SUBSCRIPTION_LIMITS). */
  subscriptionLimits?: Partial<SubscriptionLimitSettings>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/** Close codes a client can act on: 4401 authenticate again, 4403 not allowed, 4429 quota used up. */
export const WS_CLOSE = { unauthenticated: 4401, forbidden: 4403, quotaExceeded: 4429 } as const;

interface Connection {
  socket: WebSocket;
  caller?: Authenticated;
  /** The credential the connection was opened with, to check again when it changes. */
  credential?: string;
  expiry?: NodeJS.Timeout;
  subscriptions: ConnectionSubscriptions;
}

/** The reason travels in the close frame (at most 123 bytes): the code first, then the words. */
const closeWith = (socket: WebSocket, code: number, error: HearthError) =>
  socket.close(code, `${String(error.extensions.code)}: ${error.message}`.slice(0, 120));

const closeCodeOf = (error: HearthError) =>
  error.extensions.code === 'QUOTA_EXCEEDED'
    ? WS_CLOSE.quotaExceeded
    : error.extensions.code === 'API_KEY_NOT_ALLOWED_HERE'
      ? WS_CLOSE.forbidden
      : WS_CLOSE.unauthenticated;

/**
 * graphql-ws on the gateway's HTTP port and path: subscriptions through the subscription
 * engine, queries and mutations through Apollo Server. The caller authenticates once, in
 * `connection_init`; the connection closes when its credential ends (logout, revocation,
 * expiry, role change) or its key's quota is used up.
 */
export function serveGraphqlWs(options: GraphqlWsOptions): {
  close(): Promise<void>;
} {
  const { gatekeeper } = options;
  const connections = new Set<Connection>();
  const limits = new SubscriptionLimits(options.subscriptionLimits);
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    // Browsers do not apply CORS to WebSockets, so the allowed origins are enforced here.
    verifyClient: ({ origin }: { origin?: string }) => !origin || options.corsOrigins.includes('*') || options.corsOrigins.includes(origin),
  });
  const format = <E extends GraphQLError | GraphQLFormattedError>(errors: readonly E[]) =>
    errors.map((error) => (error instanceof GraphQLError ? options.formatError(error.toJSON(), error) : error));
  const connectionOf = (extra: unknown) => (extra as { connection: Connection }).connection;

  // A credential ended or changed somewhere: check each connection opened with it again.
  const stopListening = gatekeeper.authenticator.onEnded((ended) => {
    for (const connection of connections) {
      const { caller } = connection;
      if (!caller || (caller.credential !== ended && `user:${caller.userId}` !== ended)) continue;
      gatekeeper
        .identify({ authorization: connection.credential }, {})
        .then((now) => {
          if (now && now.scopes.join() !== caller.scopes.join())
            closeWith(connection.socket, WS_CLOSE.forbidden, new HearthError('FORBIDDEN', 'Your scopes changed; connect again.'));
        })
        .catch((err: unknown) => closeWith(connection.socket, closeCodeOf(err as HearthError), err as HearthError));
    }
  });

  const server = useGraphqlWs<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const connection: Connection = { socket: ctx.extra.socket as unknown as WebSocket, subscriptions: new Map() };
        try {
          const values = { ...ctx.connectionParams, ...request.headers };
          connection.caller = await gatekeeper.identify(values, { origin: request.headers.origin, ip: clientAddress(request, options.trustedProxies) });
          connection.credential = credentialFrom(values);
        } catch (err) {
          if (!(err instanceof HearthError)) throw err;
          closeWith(connection.socket, closeCodeOf(err), err);
          return false;
        }
        Object.assign(ctx.extra, { connection });
        connections.add(connection);
        const expiresIn = (connection.caller?.expiresAt ?? Number.POSITIVE_INFINITY) - Date.now();
        if (Number.isFinite(expiresIn))
          connection.expiry = setTimeout(
            () => closeWith(connection.socket, WS_CLOSE.unauthenticated, new HearthError('UNAUTHENTICATED', 'The credential expired; connect again.')),
            Math.min(expiresIn, 2 ** 31 - 1),
          );
        return true;
      },
      onClose: (ctx) => {
        const connection = connectionOf(ctx.extra);
        if (!connection) return;
        clearTimeout(connection.expiry);
        connections.delete(connection);
        limits.releaseAll(connection.subscriptions);
      },
      onComplete: (ctx, id) => {
        const connection = connectionOf(ctx.extra);
        if (connection) limits.release(connection.subscriptions, id);
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connectionOf(ctx.extra);
        const request = ctx.extra.request;
        const from = { origin: request.headers.origin, ip: clientAddress(request, options.trustedProxies) };
        const caller = gatewayContext(request.headers, connection.caller, from, options.logger);
        try {
          await gatekeeper.admitOperation(connection.caller);
          if (trustedOnly(connection.caller)) payload = { ...payload, query: await gatekeeper.documents.resolve(connection.caller.tenantId, payload) };
        } catch (err) {
          if (err instanceof HearthError && err.extensions.code === 'QUOTA_EXCEEDED') closeWith(connection.socket, WS_CLOSE.quotaExceeded, err);
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        let prepared;
        try {
          prepared = prepareOperation(options.supergraph(), options.policy, payload, caller);
        } catch (err) {
          caller.logger.error({ err }, 'could not prepare a graphql-ws operation');
          return [new HearthError('INTERNAL_SERVER_ERROR', 'The operation could not be planned; details are in the gateway log under your request id.')];
        }
        if (Array.isArray(prepared) || !(prepared.contextValue as WsOperation).planned) return prepared;
        const principal = connection.caller && `${connection.caller.kind}:${connection.caller.id}`;
        const refused = limits.reserve(connection.subscriptions, id, principal);
        return refused ? [refused] : prepared;
      },
      execute: (args) => executeOverWs(options.apollo(), args),
      subscribe: (args) => {
        const operation = args.contextValue as WsOperation;
        // graphql-ws calls this only for subscription operations, which prepareOperation planned.
        return options.subscribe(operation.planned!, operation.caller, operation.variables);
      },
      onNext: async (ctx, _id, _payload, args, result) => {
        const connection = connectionOf(ctx.extra);
        if ((args.contextValue as WsOperation).planned) {
          // Events are paced to the key's rate; graphql-ws asks for the next one only after this one.
          for (let wait = await gatekeeper.eventDelayMs(connection.caller); wait > 0 && connection.socket.readyState === connection.socket.OPEN;) {
            await new Promise((resolve) => setTimeout(resolve, wait));
            wait = await gatekeeper.eventDelayMs(connection.caller);
          }
          if (!gatekeeper.countEvent(connection.caller))
            closeWith(connection.socket, WS_CLOSE.quotaExceeded, new HearthError('QUOTA_EXCEEDED', 'The daily quota of this API key is used up.'));
        }
        return result.errors ? { ...result, errors: format(result.errors) } : result;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
    { service: 'gateway', keepAliveMs: options.heartbeatMs },
  );
  return {
    close: async () => {
      stopListening();
      for (const connection of connections) clearTimeout(connection.expiry);
      await server.dispose();
    },
  };
}
