import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { check, epochNow, sleep } from './stats';

export const TANK_SUBSCRIPTION = `subscription Live($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id name twin { levelMm } } }`;

export interface TankEvent {
  subscriber: number;
  tankId: string;
  levelMm: number;
  /** epochNow() on arrival. */
  at: number;
}

/**
 * Subscribers at the gateway over graphql-ws, one socket each (as many browser tabs would), each
 * watching its own group of tanks and selecting a field of the tanks subgraph (`name`), so every
 * event needs an entity fetch, as the console's does.
 */
export class GatewaySubscribers {
  /** Newest level each subscriber saw per tank. */
  readonly latest: Map<string, number>[];
  private errors: unknown[] = [];

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
            subscribers.latest[n]!.set(event.id, event.twin.levelMm);
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
   * Waits until every subscriber shows each of its tanks at the level `expected` gives; returns
   * how many (subscriber, tank) pairs still do not after `timeoutMs`.
   */
  async waitFor(expected: (tankId: string) => number | undefined, timeoutMs: number): Promise<number> {
    const missing = () => this.groups.reduce((n, ids, s) => n + ids.filter((id) => this.latest[s]!.get(id) !== expected(id)).length, 0);
    const deadline = Date.now() + timeoutMs;
    while (missing() > 0 && Date.now() < deadline && this.errors.length === 0) await sleep(50);
    this.assertNoErrors();
    return missing();
  }

  assertNoErrors(): void {
    check(this.errors.length === 0, `subscription errors: ${JSON.stringify(this.errors.slice(0, 3))}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.dispose()));
  }
}
