import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { HearthError } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';
import type { WsOperation } from './prepare-operation';

/**
 * Runs a query or mutation sent over graphql-ws through Apollo Server, so it gets the same
 * gateway executor, plugins and error formatting as over HTTP.
 */
export async function executeOverWs(apollo: ApolloServer<GatewayContext> | undefined, args: ExecutionArgs): Promise<ExecutionResult> {
  if (!apollo)
    return {
      errors: [new HearthError('UPSTREAM_UNAVAILABLE', 'The gateway has not loaded its schema yet. Retry shortly.')],
    };
  const operation = args.contextValue as WsOperation;
  const response = await apollo.executeOperation(
    {
      query: operation.source,
      operationName: operation.operationName,
      variables: operation.variables,
    },
    { contextValue: operation.caller },
  );
  if (response.body.kind === 'incremental') {
    return {
      errors: [
        new GraphQLError('@defer and @stream are not served over graphql-ws; send the operation without them.', { extensions: { code: 'BAD_REQUEST' } }),
      ],
    };
  }
  // Apollo already ran formatError on these errors; graphql-ws only serialises them, and the
  // gateway's onNext leaves errors that are no longer GraphQLError instances as they are.
  return response.body.singleResult as unknown as ExecutionResult;
}
