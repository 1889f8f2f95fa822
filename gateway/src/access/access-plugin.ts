import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context/gateway-context';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { fieldScopeErrors } from './field-scopes';

/** Queries and mutations (HTTP and graphql-ws) are checked field by field before the plan runs. */
export function accessPlugin(supergraph: () => LoadedSupergraph | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, operationName, contextValue }) => {
        const loaded = supergraph();
        if (!loaded) return;
        const [first] = fieldScopeErrors(loaded.apiSchema, loaded.owners, document, operationName, contextValue.caller);
        if (first) throw first;
      },
    }),
  };
}
