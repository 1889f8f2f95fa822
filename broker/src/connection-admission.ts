import { TokenBuckets, type Rate } from '@hearth/platform';

export interface AdmissionLimits {
  /** New connections per source address (TCP, TLS and WebSocket together). */
  connectionsPerAddress: Rate;
  /** Failed CONNECT authentications per source address before further ones are refused unchecked. */
  failedConnectsPerAddress: Rate;
}

export const defaultAdmissionLimits: AdmissionLimits = {
  // A depot's gateways behind one NAT reconnecting after a broker restart stay well inside this.
  connectionsPerAddress: { burst: 300, perMs: 60_000 },
  // A depot's gateways behind one NAT reconnect together after a broker restart, and each CONNECT
  // reserves one of these while its secret is checked: room for a hundred at once.
  failedConnectsPerAddress: { burst: 100, perMs: 60_000 },
};

/**
 * Who may open a connection, and who may have a secret checked. A secret check is deliberately
 * slow (scrypt), so a source address that keeps failing must not be able to queue thousands of
 * them in front of everyone else's CONNECT and PUBACK: each check reserves one of the address's
 * failures up front (so concurrent attempts cannot overrun the allowance) and a success returns it.
 */
export class ConnectionAdmission {
  private readonly connections = new TokenBuckets();
  private readonly failures = new TokenBuckets();

  constructor(private readonly limits: AdmissionLimits) {}

  admitConnection(address: string): boolean {
    return this.connections.take(address, this.limits.connectionsPerAddress).allowed;
  }

  /** Whether a secret from this address may be checked now; if so, call `verified` when it matched. */
  mayVerify(address: string): boolean {
    return this.failures.take(address, this.limits.failedConnectsPerAddress).allowed;
  }

  /** The secret matched (or could not be checked at all): that attempt was no failure. */
  verified(address: string): void {
    this.failures.giveBack(address, this.limits.failedConnectsPerAddress);
  }
}
