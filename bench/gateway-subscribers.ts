import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { epochNow, sleep } from './stats';

export const TANK_SUBSCRIPTION = `subscription Live($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id name site { name } twin { levelMm volumeLiters alarms { code } } } }`;

export interface TankEvent {
  subscriber: number;
  tankId: string;
  levelMm: number;
  /** epochNow() on arrival. */
  at: number;
}

/**
 * Subscribers at the gateway over graphql-ws, one socket each (as many browser tabs would), each
 * watching its own group of tanks and selecting fields of the tanks subgraph (`name`, `site { name }`)
 * beside the twin's, as the console does.
 */
export class GatewaySubscribers {
  /** Newest level each subscriber saw per tank. */
  readonly latest: Map<string, number>[];
  private errors: unknown[] = [];
  private lastEventAt = 0;

  private constructor(
    private readonly clients: Client[],
    readonly groups: string[][],
  ) {
    this.latest = groups.map(() => new Map());
  }

  static async open(url: string, connectionParams: Record<string, unknown>, groups: string[][], onEvent: (e: TankEvent) => void): Promise<GatewaySubscribers> {
    const clients: Client[] = [];
    const subscribers = new GatewaySubscribers(clients, groups);
    for (const [n, ids] of groups.entries()) {
      const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, connectionParams, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: TANK_SUBSCRIPTION, variables: { ids } },
        {
          next: (v) => {
            const at = epochNow();
            const event = (v.data as { tankTwinChanged?: { id: string; twin: { levelMm: number } | null } } | null)?.tankTwinChanged;
            if (!event?.twin) return void subscribers.errors.push(v.errors ?? v);
            // graphql-ws `error` ends the subscription; an event with errors does not.
            subscribers.latest[n]!.set(event.id, event.twin.levelMm);
            subscribers.lastEventAt = Date.now();
            onEvent({ subscriber: n, tankId: event.id, levelMm: event.twin.levelMm, at });
          },
          error: (e) => void subscribers.errors.push(e),
          complete: () => undefined,
        },
      );
      // Do not open a thousand sockets in one go.
      if (n % 50 === 49) await sleep(20);
    }
    return subscribers;
  }

  /**
   * Waits until every subscriber shows each of `tanks` (default: all of its tanks) at the level
   * `expected` gives, or until no event came for `idleMs`; returns how many (subscriber, tank)
   * pairs still do not.
   */
  async waitFor(expected: (tankId: string) => number | undefined, idleMs: number, tanks?: (group: string[]) => string[]): Promise<number> {
    const missing = () => this.groups.reduce((n, ids, s) => n + (tanks?.(ids) ?? ids).filter((id) => this.latest[s]!.get(id) !== expected(id)).length, 0);
    const since = Date.now();
    while (missing() > 0 && Date.now() - Math.max(since, this.lastEventAt) < idleMs) await sleep(50);
    return missing();
  }

  /** Events that came as errors (e.g. UPSTREAM_UNAVAILABLE when an entity fetch failed), and the first few. */
  takeErrors(): { count: number; first: string[] } {
    const errors = this.errors;
    this.errors = [];
    return { count: errors.length, first: [...new Set(errors.map((e) => JSON.stringify(e).slice(0, 300)))].slice(0, 3) };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.dispose()));
  }
}

/**
 * A subscriber to `ids` whose client stops reading its socket once subscribed (a frozen browser
 * tab): what the gateway sends it piles up in the socket buffers, then in the gateway.
 */
export async function openFrozenSubscriber(url: string, connectionParams: Record<string, unknown>, ids: string[]): Promise<{ close(): void }> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ id: 'frozen', type: 'subscribe', payload: { query: TANK_SUBSCRIPTION, variables: { ids } } }));
  // ws keeps its net.Socket private; pausing it stops reading, so the kernel buffers fill.
  (socket as unknown as { _socket: { pause(): void } })._socket.pause();
  return { close: () => socket.terminate() };
}
