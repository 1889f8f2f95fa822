import type { Client } from 'aedes';
import { PubackQueue, defaultReadAheadLimits, type ReadAheadLimits } from './puback-queue';
import type { AuthenticatedGateway, GatewayIdentity } from './types';

/** Per-connection state the hooks share: who the client is, and the order its publishes are handled in. */
export interface Session extends GatewayIdentity {
  client: Client;
  /** Tail of this connection's publish queue (see `authorizePublish`). */
  tail: Promise<void>;
  /** Publishes in that queue not yet handed to the sink: while there are any, the next one queues too. */
  queued: number;
  /** Its QoS 1 acknowledgements, written in order once stored while the connection reads ahead. */
  acks: PubackQueue;
  /** Counted by `GatewayPresence` (its CONNACK went out), so its disconnect is counted too. */
  present: boolean;
  /** The secret this connection proved (its hash), re-checked when the gateway's secrets change. */
  credential: string;
  /** When that secret stops being valid (a rotated secret in its grace period); the connection ends then. */
  validUntil?: Date;
  /** Filters granted to this connection, with their QoS (recorded by `authorizeSubscribe`, also for restored sessions). */
  filters: Map<string, number>;
  /** When it authenticated: what was sent to the gateway before this went to an older connection. */
  connectedAt: Date;
}

/** The authenticated gateway behind each connection. */
export class Sessions {
  private readonly byClient = new WeakMap<Client, Session>();
  private readonly byGateway = new Map<string, Set<Session>>();

  constructor(private readonly readAhead: ReadAheadLimits = defaultReadAheadLimits) {}

  open(client: Client, identity: GatewayIdentity & Partial<AuthenticatedGateway>): Session {
    const session: Session = {
      gatewayId: identity.gatewayId,
      tenantId: identity.tenantId,
      credential: identity.credential ?? '',
      ...(identity.validUntil ? { validUntil: identity.validUntil } : {}),
      client,
      tail: Promise.resolve(),
      queued: 0,
      acks: new PubackQueue(
        {
          get closed() {
            return client.closed || !client.conn || client.conn.destroyed;
          },
          write: (bytes) => client.conn.write(bytes),
          close: () => client.close(),
          pause: () => pauseReading(client),
          resume: () => resumeReading(client),
        },
        this.readAhead,
      ),
      present: false,
      filters: new Map(),
      connectedAt: new Date(),
    };
    this.byClient.set(client, session);
    const ofGateway = this.byGateway.get(session.gatewayId) ?? new Set<Session>();
    ofGateway.add(session);
    this.byGateway.set(session.gatewayId, ofGateway);
    // Aedes reports a disconnect only for registered clients; the stream closing covers the rest.
    client.conn?.once('close', () => this.close(client));
    return session;
  }

  get(client: Client | null | undefined): Session | undefined {
    return client ? this.byClient.get(client) : undefined;
  }

  /** The open connections of a gateway. */
  ofGateway(gatewayId: string): Session[] {
    return [...(this.byGateway.get(gatewayId) ?? [])].filter((s) => !s.client.closed);
  }

  close(client: Client): void {
    const session = this.byClient.get(client);
    const ofGateway = session && this.byGateway.get(session.gatewayId);
    if (!session || !ofGateway) return;
    ofGateway.delete(session);
    if (ofGateway.size === 0) this.byGateway.delete(session.gatewayId);
  }
}

/**
 * Aedes reads a connection's next socket chunk when its count of unfinished packets reaches zero,
 * and skips that count while paused, so a count left from before a pause would keep the
 * connection unread for good: reading resumes from zero. (`pause`/`resume` and `_parsingBatch`
 * are Aedes 1.x client internals; the read-ahead tests in acknowledged-when-stored pin them.)
 */
type AedesFlow = Client & { pause(): void; resume(): void; _parsingBatch: number };

function pauseReading(client: Client): void {
  (client as AedesFlow).pause();
}

function resumeReading(client: Client): void {
  const flow = client as AedesFlow;
  if (flow.closed) return;
  flow._parsingBatch = 1;
  flow.resume();
}
