import type { GraphQLDataSource, GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';
import { gatewayMetrics } from '../gateway-metrics';
import type { CachedEntity, EntityCache } from './entity-cache';
import { FairQueue } from './fair-queue';
import { stableStringify } from './stable-stringify';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface EntityBatcherOptions {
  /** Answers of subgraphs whose entities change only through announced changes (not telemetry). */
  cache?: EntityCache;
  cacheable(subgraph: string): boolean;
  /** Most `_entities` requests in flight per subgraph; more wait and grow into bigger batches. */
  maxConcurrent: number;
  /** Most representations in one request. */
  maxBatch: number;
}

/** One caller's representations that the cache could not answer, waiting for their batch. */
interface Waiting {
  options: GraphQLDataSourceProcessOptions;
  reps: unknown[];
  /** Each of `reps` as stable JSON, worked out once for the cache and the batch alike. */
  repKeys: string[];
  /** Index in the batch of each of `reps`. */
  at: number[];
  /** The batch's answer; `at` as above. */
  finish(entities: unknown[], errors: GraphQLFormattedError[], at: number[]): void;
  fail(err: unknown): void;
}

/** Callers who can share one request: same tenant, scopes, operation and other variables. */
interface Group {
  key: string;
  tenantId: string;
  reps: unknown[];
  index: Map<string, number>;
  waiting: Waiting[];
}

/**
 * Entity fetches of subscription events, across every subscriber: the representations that
 * waiting events need from one subgraph go in one `_entities` request per tick (identical
 * ones once), at most `maxConcurrent` requests in flight per subgraph, so an event storm
 * becomes a few large fetches instead of thousands of small ones. Waiting batches go out
 * tenant by tenant in turn, so one tenant's storm never queues another's events behind it.
 * Answers of cacheable subgraphs are kept per tenant and entity until the subgraph announces a change.
 */
export function createEntityBatcher(options: EntityBatcherOptions): (sources: ServiceMap) => ServiceMap {
  const wrappers = new WeakMap<GraphQLDataSource, GraphQLDataSource>();
  return (sources) =>
    Object.fromEntries(
      Object.entries(sources).map(([name, source]) => {
        let wrapper = wrappers.get(source);
        if (!wrapper) wrappers.set(source, (wrapper = batching(name, source, options)));
        return [name, wrapper];
      }),
    );
}

function batching(subgraph: string, source: GraphQLDataSource, o: EntityBatcherOptions): GraphQLDataSource {
  /** Batches per tenant in the order they were started; `open` has the one per key that still takes callers. */
  const queue = new FairQueue<Group>();
  const open = new Map<string, Group>();
  const cache = o.cacheable(subgraph) ? o.cache : undefined;
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => ((scheduled = false), flush()));
  };

  const flush = () => {
    while (inFlight < o.maxConcurrent && queue.size > 0) {
      const group = queue.shift()!;
      if (open.get(group.key) === group) open.delete(group.key);
      inFlight++;
      void send(group).finally(() => (inFlight--, flush()));
    }
  };

  const send = async (group: Group) => {
    const first = group.waiting[0]!.options;
    const { representations: _, ...variables } = first.request.variables ?? {};
    gatewayMetrics.entityFetches.inc({ subgraph });
    gatewayMetrics.entityBatchSize.observe({ subgraph }, group.reps.length);
    try {
      // A fresh request: the data source fills in its own HTTP details, signing the context now.
      const response = await source.process({
        ...first,
        request: { query: first.request.query, operationName: first.request.operationName, variables: { ...variables, representations: group.reps } },
      });
      const entities = (response.data?._entities as unknown[] | undefined) ?? [];
      for (const w of group.waiting) w.finish(entities, [...(response.errors ?? [])], w.at);
    } catch (err) {
      for (const w of group.waiting) w.fail(err);
    }
  };

  const enqueue = (tenantId: string, key: string, w: Omit<Waiting, 'at'>) => {
    let g = open.get(key);
    // A full batch goes as it is; later callers start the next one.
    if (!g || g.reps.length + w.reps.length > o.maxBatch) {
      g = { key, tenantId, reps: [], index: new Map(), waiting: [] };
      open.set(key, g);
      queue.push(tenantId, g);
    }
    const group = g;
    const at = w.reps.map((rep, n) => {
      const repKey = w.repKeys[n]!;
      let i = group.index.get(repKey);
      if (i === undefined) group.index.set(repKey, (i = group.reps.push(rep) - 1));
      return i;
    });
    group.waiting.push({ ...w, at });
    schedule();
  };

  return {
    process: (options) => {
      const reps = options.request.variables?.representations;
      if (!Array.isArray(reps) || !options.request.query) return source.process(options);
      const ctx = options.context as Partial<GatewayContext>;
      const tenantId = ctx.tenantId ?? '';
      const { representations: _, ...variables } = options.request.variables ?? {};
      // Callers with other scopes may be refused what these were given: they never share.
      const scope = stableStringify([ctx.caller?.scopes ?? [], options.request.query, variables]);
      const answers: unknown[] = new Array(reps.length);
      const missing: number[] = [];
      const repKeys = reps.map((rep) => stableStringify(rep));
      repKeys.forEach((repKey, i) => {
        const hit = cache?.get(subgraph, tenantId, `${scope}${repKey}`);
        if (hit) answers[i] = structuredClone(hit);
        else missing.push(i);
      });
      if (cache) {
        gatewayMetrics.entityCacheLookups.inc({ subgraph, result: 'hit' }, reps.length - missing.length);
        gatewayMetrics.entityCacheLookups.inc({ subgraph, result: 'miss' }, missing.length);
      }
      if (missing.length === 0) return Promise.resolve({ data: { _entities: answers } });
      const generation = cache?.generation(subgraph, tenantId) ?? 0;
      return new Promise<Response>((resolve, reject) => {
        enqueue(tenantId, stableStringify([tenantId, scope]), {
          options,
          reps: missing.map((i) => reps[i]),
          repKeys: missing.map((i) => repKeys[i]!),
          fail: reject,
          finish: (entities, errors, positions) => {
            const own = new Map(positions.map((at, n) => [at, missing[n]!]));
            const mine = errors.filter((e) => typeof e.path?.[1] !== 'number' || own.has(e.path[1]));
            const failed = new Set(mine.map((e) => e.path?.[1]));
            for (const [at, i] of own) {
              const entity = entities[at] ?? null;
              answers[i] = entity && structuredClone(entity);
              if (cache && entity && !failed.has(at)) cache.set(subgraph, tenantId, generation, `${scope}${repKeys[i]}`, entity as CachedEntity);
            }
            // Error paths name this caller's own positions, as if it had asked alone.
            const renumbered = mine.map((e) => (typeof e.path?.[1] === 'number' ? { ...e, path: [e.path[0]!, own.get(e.path[1])!, ...e.path.slice(2)] } : e));
            resolve({ data: { _entities: answers }, ...(renumbered.length ? { errors: renumbered } : {}) });
          },
        });
      });
    },
  };
}
