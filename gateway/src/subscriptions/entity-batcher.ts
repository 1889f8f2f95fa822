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
  // Asked for every event: the same service map gets the same wrapped one.
  const maps = new WeakMap<ServiceMap, ServiceMap>();
  return (sources) => {
    let wrapped = maps.get(sources);
    if (!wrapped)
      maps.set(
        sources,
        (wrapped = Object.fromEntries(
          Object.entries(sources).map(([name, source]) => {
            let wrapper = wrappers.get(source);
            if (!wrapper) wrappers.set(source, (wrapper = batching(name, source, options)));
            return [name, wrapper];
          }),
        )),
      );
    return wrapped;
  };
}

function batching(subgraph: string, source: GraphQLDataSource, o: EntityBatcherOptions): GraphQLDataSource {
  const scopes = new ScopeNames();
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
      const scope = scopes.of(ctx.caller?.scopes ?? [], options.request.query, variables);
      const answers: unknown[] = new Array(reps.length);
      const missing: number[] = [];
      const repKeys = reps.map(representationKey);
      repKeys.forEach((repKey, i) => {
        const hit = cache?.get(subgraph, tenantId, `${scope}${repKey}`);
        if (hit) answers[i] = copyJson(hit);
        else missing.push(i);
      });
      if (cache) {
        gatewayMetrics.entityCacheLookups.inc({ subgraph, result: 'hit' }, reps.length - missing.length);
        gatewayMetrics.entityCacheLookups.inc({ subgraph, result: 'miss' }, missing.length);
      }
      if (missing.length === 0) return Promise.resolve({ data: { _entities: answers } });
      const generation = cache?.generation(subgraph, tenantId) ?? 0;
      return new Promise<Response>((resolve, reject) => {
        enqueue(tenantId, `${tenantId}\u0000${scope}`, {
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
              answers[i] = entity && copyJson(entity);
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

/**
 * A short name for each set of callers that may share answers (scopes, entity operation, its other
 * variables), so the per-event cache and batch keys do not carry the operation's text. Each
 * subscriber's scopes and operation are the same objects event after event: their name is
 * looked up, not worked out again.
 */
class ScopeNames {
  private readonly names = new Map<string, string>();
  private readonly known = new WeakMap<readonly string[], Map<string, string>>();
  /** Never reused, also after `names` starts again: the cache and `known` still hold earlier names. */
  private next = 0;

  of(scopes: readonly string[], query: string, variables: Record<string, unknown>): string {
    const plain = Object.keys(variables).length === 0;
    const seen = plain ? this.known.get(scopes)?.get(query) : undefined;
    if (seen) return seen;
    const full = stableStringify([scopes, query, variables]);
    // Distinct scope sets and operations are few; variables could be many: start again past a bound.
    if (this.names.size >= 10_000) this.names.clear();
    let name = this.names.get(full);
    if (!name) this.names.set(full, (name = `${this.next++}\u0000`));
    if (plain) {
      let byQuery = this.known.get(scopes);
      if (!byQuery) this.known.set(scopes, (byQuery = new Map()));
      byQuery.set(query, name);
    }
    return name;
  }
}

/** A representation as stable JSON; the usual flat one (`__typename` and key fields) without a replacer. */
export function representationKey(rep: unknown): string {
  if (!rep || typeof rep !== 'object' || Array.isArray(rep)) return stableStringify(rep);
  const keys = Object.keys(rep).sort();
  let json = '{';
  for (const key of keys) {
    const value = (rep as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object') return stableStringify(rep);
    if (value === undefined) continue;
    json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/** A deep copy of a JSON value (execution merges into the answers it is given; the cache keeps its own). */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key]);
    // A field named `__proto__` stays a field, as JSON.parse made it.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
