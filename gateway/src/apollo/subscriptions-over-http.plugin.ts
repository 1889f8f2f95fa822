import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';

/**
 * Answers a subscription sent over HTTP with a pointer to graphql-ws, instead of the
 * gateway executor's internal "not supported" failure.
 */
export function subscriptionsOverHttpPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'Subscriptions are served over WebSocket (graphql-ws protocol) on this same URL; open a graphql-ws connection and subscribe there.',
          {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          },
        );
      },
    }),
  };
}
