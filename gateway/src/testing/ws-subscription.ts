import { createClient, type Client, type FormattedExecutionResult, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client as an application would use it, without reconnects hiding failures. */
export function wsClient(url: string, connectionParams: Record<string, string> = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

export interface CollectedSubscription {
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  /** Settles when the server completes the operation or sends a graphql-ws `error`. */
  ended: Promise<{ error?: unknown }>;
  dispose(): void;
}

/** Subscribes and records everything the server sends for this operation. */
export function collect(client: Client, payload: SubscribePayload): CollectedSubscription {
  const results: CollectedSubscription['results'] = [];
  let dispose = () => {};
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    dispose = client.subscribe(payload, {
      next: (result) => results.push(result),
      error: (error) => resolve({ error }),
      complete: () => resolve({}),
    });
  });
  return { results, ended, dispose };
}
