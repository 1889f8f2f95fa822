import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HearthError, type Logger } from '@hearth/platform';
import { callerHeaders, type GatewayContext } from '../context/gateway-context';

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
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Schema loading and health checks run on no caller's behalf. (The request-kind enum is
    // not exported by @apollo/gateway; only incoming operations carry their request context.)
    if (!('incomingRequestContext' in options)) return;
    for (const [name, value] of Object.entries(callerHeaders(options.context))) options.request.http?.headers.set(name, value);
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }, context?: GatewayContext): void {
    if (response && !UNAVAILABLE_STATUSES.has(response.status)) throw error;
    // The subgraph's address and the socket error stay in our log, not in the caller's response.
    (context?.logger ?? this.logger).warn({ err: error, subgraph: this.name, status: response?.status }, 'subgraph unavailable');
    throw new HearthError('UPSTREAM_UNAVAILABLE', `The ${this.name} service did not answer. Retry with back-off.`, { serviceName: this.name });
  }
}
