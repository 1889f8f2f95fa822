import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { subgraphHeaders, type BenchCredentials } from './gateway-auth';

type SubgraphCredentials = Pick<BenchCredentials, 'tenantId' | 'contextPrivateKeyPem'>;

export interface PeerGateways {
  urls: { apollo: string; hive: string };
  close(): Promise<void>;
}

/**
 * The peers of the query benchmark, over the same subgraph URLs as our gateway:
 * - plain `@apollo/gateway` (IntrospectAndCompose, Apollo Server standalone, nothing else), and
 * - Hive Gateway, given the supergraph the plain gateway composed (the same SDL, so both plan
 *   against the same schema), with its defaults except GraphiQL, landing page and logging.
 * Our subgraphs refuse requests without a signed caller context: both peers sign one per client
 * request and send it with each of that request's subgraph fetches, as our gateway does.
 */
export async function startPeerGateways(subgraphs: { name: string; url: string }[], credentials: SubgraphCredentials): Promise<PeerGateways> {
  const signed = new WeakMap<object, Promise<Record<string, string>>>();
  const headersFor = (request: object) => {
    let headers = signed.get(request);
    if (!headers) signed.set(request, (headers = subgraphHeaders(credentials)));
    return headers;
  };
  let supergraphSdl: string | undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        // Composition's own fetches come without a client request: a fresh context each.
        willSendRequest: async ({ request, context }) => {
          const headers = await (context ? headersFor(context) : subgraphHeaders(credentials));
          for (const [k, v] of Object.entries(headers)) request.http?.headers.set(k, v);
        },
      }),
  });
  gateway.onSchemaLoadOrUpdate((update) => (supergraphSdl = update.coreSupergraphSdl));
  const apollo = new ApolloServer({ gateway });
  const { url: apolloUrl } = await startStandaloneServer(apollo, { listen: { host: '127.0.0.1', port: 0 } });
  if (!supergraphSdl) throw new Error('plain Apollo gateway started without a supergraph');

  const hive = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    graphiql: false,
    landingPage: false,
    plugins: () => [
      {
        onFetch: async ({ options, setOptions, context }) => {
          const headers = await ('request' in context ? headersFor(context) : subgraphHeaders(credentials));
          setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...headers } });
        },
      },
    ],
  });
  const server = createServer(hive);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hivePort = (server.address() as AddressInfo).port;
  return {
    // Apollo's standalone server answers GraphQL at `/`.
    urls: { apollo: apolloUrl, hive: `http://127.0.0.1:${hivePort}/graphql` },
    close: async () => {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await hive.dispose();
    },
  };
}
