import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { stableStringify } from './stable-stringify';

/** One subscription the gateway holds open on a subgraph. */
export interface UpstreamRequest {
  serviceName: string;
  /** The subgraph's HTTP URL; the graphql-ws URL is derived from it. */
  url: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  tenantId?: string;
  /** The request id of the subscriber that opened it; later subscribers share it. */
  requestId: string;
}

/** One `next` payload of an upstream subscription: the primary fetch's result for one event. */
export interface UpstreamPayload {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  /** Set when the same payload went to several subscribers: whoever changes it must copy it first. */
  shared?: true;
}

export interface UpstreamSink {
  next(payload: UpstreamPayload): void;
  /** Upstream failed; the errors carry registry codes. Nothing follows. */
  error(errors: readonly GraphQLError[]): void;
  complete(): void;
}

/** Opens one upstream subscription; the returned function closes it. */
export type OpenUpstream = (request: UpstreamRequest, sink: UpstreamSink) => () => void;

export interface UpstreamHub {
  /** Joins the identical upstream subscription, opening it for the first subscriber. */
  subscribe(request: UpstreamRequest, sink: UpstreamSink): () => void;
  /** How many upstream subscriptions are open. */
  size(): number;
}

/**
 * Deduplicates upstream subscriptions: the same subgraph, operation text, variables and
 * tenant make one upstream subscription fanned out to every subscriber, closed when the
 * last one leaves. The tenant is part of the key because the subgraph scopes events to it.
 */
export function createUpstreamHub(open: OpenUpstream, onSizeChange: (size: number) => void = () => {}): UpstreamHub {
  const shared = new Map<string, { sinks: Set<UpstreamSink>; close: () => void }>();
  const forget = (key: string, entry: unknown) => {
    if (shared.get(key) !== entry) return;
    shared.delete(key);
    onSizeChange(shared.size);
  };
  return {
    subscribe(request, sink) {
      const key = stableStringify([
        request.serviceName,
        request.url,
        request.query,
        request.operationName ?? null,
        request.variables,
        request.tenantId ?? null,
      ]);
      let entry = shared.get(key);
      if (!entry) {
        const sinks = new Set<UpstreamSink>();
        const created = { sinks, close: () => {} };
        entry = created;
        shared.set(key, created);
        onSizeChange(shared.size);
        // A finished upstream leaves the map first, so a new subscriber opens a fresh one.
        created.close = open(request, {
          next: (payload) => {
            const event: UpstreamPayload = sinks.size > 1 ? { ...payload, shared: true } : payload;
            sinks.forEach((s) => s.next(event));
          },
          error: (errors) => (forget(key, created), sinks.forEach((s) => s.error(errors))),
          complete: () => (forget(key, created), sinks.forEach((s) => s.complete())),
        });
      }
      const joined = entry;
      joined.sinks.add(sink);
      return () => {
        if (!joined.sinks.delete(sink) || joined.sinks.size > 0) return;
        forget(key, joined);
        joined.close();
      };
    },
    size: () => shared.size,
  };
}
