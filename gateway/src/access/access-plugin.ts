import type { ApolloServerPlugin } from '@apollo/server';
import { withHttpStatus } from '@hearth/platform/graphql';
import type { GatewayContext } from '../context/gateway-context';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { admissionErrors, type AccessPolicy } from './admission';

/** Queries and mutations (HTTP and graphql-ws) are admitted before their plan runs. */
export function accessPlugin(supergraph: () => LoadedSupergraph | undefined, policy: AccessPolicy): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, operationName, contextValue, request }) => {
        const loaded = supergraph();
        if (!loaded) return;
        const [first] = admissionErrors(loaded, policy, document, operationName, request.variables ?? {}, contextValue.caller);
        // Refused before execution: Apollo Server would answer 500 unless the error names its status.
        if (first) throw withHttpStatus(first);
      },
    }),
  };
}
