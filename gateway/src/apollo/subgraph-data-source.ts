import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, HearthError, NO_TENANT_ID, REQUEST_ID_HEADER, type Logger } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';
import type { ContextSigning } from './data-sources';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { refusalFromSubgraph } from './refusal-from-subgraph';

/** One client for every subgraph, so keep-alive sockets are pooled per host across data sources. */
const fetcher = createSubgraphFetcher();

/** Statuses a proxy or load balancer answers with when the subgraph behind it is down. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * How the gateway talks to one subgraph over HTTP. The same instance serves queries,
 * mutations and the entity fetches of subscription events, so every path forwards the
 * caller context identically and reports an unreachable subgraph with one code.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly logger: Logger,
    private readonly signing: ContextSigning,
  ) {
    super({ url, fetcher });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Schema loading runs on no caller's behalf: the gateway signs for itself, with no tenant
    // and no scopes. (The request-kind enum is not exported; only operations carry a request context.)
    if (!('incomingRequestContext' in options)) {
      const context = { tenantId: NO_TENANT_ID, requestId: 'schema-load', principal: { kind: 'service', id: 'gateway' }, scopes: [] } as const;
      headers.set(CONTEXT_HEADER, await this.signing.sign(context));
      return;
    }
    headers.set(CONTEXT_HEADER, await this.signing.signedFor(options.context));
    headers.set(REQUEST_ID_HEADER, options.context.requestId);
  }

  /**
   * A subgraph that refused a whole request (HTTP 4xx: a value its scalar rejected, a NUL byte)
   * answers with its own coded errors: the caller gets the first with its code, message and
   * status. Anything else is ours to look into; the address, status and body stay in the log.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const refused = refusalFromSubgraph(this.name, response.status, body);
    if (refused) return refused;
    // 502, 503 and 504 become UPSTREAM_UNAVAILABLE in didEncounterError, which logs them.
    if (!UNAVAILABLE_STATUSES.has(response.status))
      this.logger.error({ subgraph: this.name, url: response.url, status: response.status, body }, 'subgraph failed a request of the gateway');
    return new HearthError('INTERNAL_SERVER_ERROR', 'Internal server error', { serviceName: this.name });
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }, context?: GatewayContext): void {
    if (response && !UNAVAILABLE_STATUSES.has(response.status)) throw error;
    // The subgraph's address and the socket error stay in our log, not in the caller's response.
    (context?.logger ?? this.logger).warn({ err: error, subgraph: this.name, status: response?.status }, 'subgraph unavailable');
    throw new HearthError('UPSTREAM_UNAVAILABLE', `The ${this.name} service did not answer. Retry with back-off.`, { serviceName: this.name });
  }
}
