import type { CallerContext } from '@hearth/platform';
import type { GatewayTwins } from '../ingest/gateway-twins';
import { PeerUnavailable, type PeerRequest, type Peers } from './peer-instances';

/** The caller as another instance needs it: a request's context also carries its logger and loaders, which stay here. */
export const callerOnly = ({ tenantId, requestId, principal, scopes }: CallerContext): CallerContext => ({
  tenantId,
  requestId,
  principal: { kind: principal.kind, id: principal.id },
  scopes: [...scopes],
});

/**
 * Work that writes a device's or gateway's twin goes to the instance holding the gateway (ADR
 * 0014: one writer per twin). `forward` hands the request to that instance when it is another,
 * live one, and returns its answer (its error is thrown here); `undefined` means "do it here":
 * this instance holds the gateway, nobody does, there is only one instance, or the holder did not
 * answer in time (it is dying, and this instance is the best left).
 */
export class HolderRoute {
  constructor(
    readonly peers: Peers,
    private readonly gateways: GatewayTwins,
  ) {}

  async forward<T>(gatewayId: string | null | undefined, request: PeerRequest): Promise<T | undefined> {
    const holder = gatewayId ? this.gateways.get(gatewayId)?.holder : undefined;
    if (!holder || holder === this.peers.id || !this.peers.isLive(holder)) return undefined;
    try {
      return (await this.peers.call(holder, { ...request, caller: callerOnly(request.caller) } as PeerRequest)) as T;
    } catch (err) {
      if (err instanceof PeerUnavailable) return undefined;
      throw err;
    }
  }
}
