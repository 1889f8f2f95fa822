import type { ApolloServerPlugin } from '@apollo/server';
import { HearthError } from '@hearth/platform';
import { withHttpStatus } from '@hearth/platform/graphql';
import type { GatewayContext } from '../context/gateway-context';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { admissionErrors, reachesPublicFields, type AccessPolicy } from './admission';

/** Queries and mutations (HTTP and graphql-ws) are admitted before their plan runs. */
export function accessPlugin(
  supergraph: () => LoadedSupergraph | undefined,
  policy: AccessPolicy,
  /** An anonymous caller's operation on a public field pays from its address's bucket (throws when empty). */
  admitPublic: (ctx: GatewayContext) => Promise<void> = async () => {},
): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, operationName, contextValue, request }) => {
        const loaded = supergraph();
        if (!loaded) return;
        const [first] = admissionErrors(loaded, policy, document, operationName, request.variables ?? {}, contextValue.caller);
        // Refused before execution: Apollo Server would answer 500 unless the error names its status.
        if (first) throw withHttpStatus(first);
        if (!contextValue.caller && reachesPublicFields(loaded, document, operationName)) {
          try {
            await admitPublic(contextValue);
          } catch (err) {
            throw err instanceof HearthError ? withHttpStatus(err) : err;
          }
        }
      },
    }),
  };
}
