import type { Client } from 'aedes';
import type { GatewayIdentity } from './types';

/** Per-connection state the hooks share: who the client is, and the order its publishes are handled in. */
export interface Session extends GatewayIdentity {
  client: Client;
  /** Tail of this connection's publish queue (see `authorizePublish`). */
  tail: Promise<void>;
  /** Counted by `GatewayPresence` (its CONNACK went out), so its disconnect is counted too. */
  present: boolean;
}

/** The authenticated gateway behind each connection. */
export class Sessions {
  private readonly byClient = new WeakMap<Client, Session>();
  private readonly byClientId = new Map<string, Session>();

  open(client: Client, identity: GatewayIdentity): Session {
    const session: Session = { ...identity, client, tail: Promise.resolve(), present: false };
    this.byClient.set(client, session);
    this.byClientId.set(client.id, session);
    // Aedes reports a disconnect only for registered clients; the stream closing covers the rest.
    client.conn?.once('close', () => this.close(client));
    return session;
  }

  get(client: Client | null | undefined): Session | undefined {
    return client ? this.byClient.get(client) : undefined;
  }

  /** The gateway that holds a live connection under this client id, if any. */
  holderOf(clientId: string): Session | undefined {
    const session = this.byClientId.get(clientId);
    return session && !session.client.closed ? session : undefined;
  }

  close(client: Client): void {
    if (this.byClientId.get(client.id)?.client === client) this.byClientId.delete(client.id);
  }
}
