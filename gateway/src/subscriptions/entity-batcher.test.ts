import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { copyJson, createEntityBatcher, representationKey } from './entity-batcher';
import { EntityCache } from './entity-cache';
import { stableStringify } from './stable-stringify';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;
const QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Tank{name}}}';

/** A tanks subgraph that answers when told to, and records each request's representations. */
function tanksSubgraph() {
  const names = new Map<string, string>([
    ['1', 'Tank 1'],
    ['2', 'Tank 2'],
    ['3', 'Tank 3'],
  ]);
  const requests: string[][] = [];
  const pending: (() => void)[] = [];
  const source: GraphQLDataSource = {
    process: (options) => {
      const reps = options.request.variables!.representations as { id: string }[];
      requests.push(reps.map((r) => r.id));
      return new Promise<Response>((resolve) =>
        pending.push(() =>
          resolve({
            data: { _entities: reps.map((r) => (r.id === 'bad' ? null : { name: names.get(r.id) })) },
            errors: reps.flatMap((r, i) => (r.id === 'bad' ? [{ message: 'no such tank', path: ['_entities', i] }] : [])),
          }),
        ),
      );
    },
  };
  return { source, names, requests, answerAll: () => pending.splice(0).forEach((answer) => answer()) };
}

const fetchOf = (ids: string[], tenantId = 't1', scopes = ['tanks:read']) =>
  ({
    request: { query: QUERY, variables: { representations: ids.map((id) => ({ __typename: 'Tank', id })) } },
    context: { tenantId, caller: { scopes } },
  }) as unknown as GraphQLDataSourceProcessOptions;

const tick = () => new Promise((resolve) => setImmediate(resolve));
const setup = (o: { cache?: EntityCache; maxConcurrent?: number; maxBatch?: number } = {}) => {
  const sub = tanksSubgraph();
  const map = createEntityBatcher({ cache: o.cache, cacheable: () => true, maxConcurrent: o.maxConcurrent ?? 4, maxBatch: o.maxBatch ?? 1000 })({
    tanks: sub.source,
  });
  return { ...sub, tanks: map.tanks! };
};

describe('batched entity fetches of subscription events', () => {
  it('sends the representations of every caller of one tick in one request, each once, and answers each caller in its own order', async () => {
    const { tanks, requests, answerAll } = setup();
    const a = tanks.process(fetchOf(['1', '2']));
    const b = tanks.process(fetchOf(['2', '3']));
    const c = tanks.process(fetchOf(['3']));
    await tick();
    expect(requests).toEqual([['1', '2', '3']]);
    answerAll();
    expect((await a).data).toEqual({ _entities: [{ name: 'Tank 1' }, { name: 'Tank 2' }] });
    expect((await b).data).toEqual({ _entities: [{ name: 'Tank 2' }, { name: 'Tank 3' }] });
    expect((await c).data).toEqual({ _entities: [{ name: 'Tank 3' }] });
  });

  it('never mixes tenants or callers with other scopes in one request', async () => {
    const { tanks, requests, answerAll } = setup();
    const all = [tanks.process(fetchOf(['1'], 't1')), tanks.process(fetchOf(['1'], 't2')), tanks.process(fetchOf(['1'], 't1', ['tanks:read', 'x:read']))];
    await tick();
    expect(requests).toHaveLength(3);
    answerAll();
    await Promise.all(all);
  });

  it('gives each caller only the errors of its own entities, at its own positions', async () => {
    const { tanks, answerAll } = setup();
    const a = tanks.process(fetchOf(['1']));
    const b = tanks.process(fetchOf(['2', 'bad']));
    await tick();
    answerAll();
    expect((await a).errors).toBeUndefined();
    expect((await b).errors).toEqual([{ message: 'no such tank', path: ['_entities', 1] }]);
  });

  it('keeps at most maxConcurrent requests in flight; callers meanwhile wait and share the next one', async () => {
    const { tanks, requests, answerAll } = setup({ maxConcurrent: 1 });
    const first = tanks.process(fetchOf(['1']));
    await tick();
    const later = [tanks.process(fetchOf(['2'])), tanks.process(fetchOf(['3']))];
    await tick();
    expect(requests).toEqual([['1']]);
    answerAll();
    await first;
    await tick();
    expect(requests).toEqual([['1'], ['2', '3']]);
    answerAll();
    await Promise.all(later);
  });

  it("sends a quiet tenant's batch next, ahead of a noisy tenant's queued batches", async () => {
    const { tanks, requests, answerAll } = setup({ maxConcurrent: 1, maxBatch: 1 });
    const all = [...['1', '2', '3'].map((id) => tanks.process(fetchOf([id], 'noisy'))), tanks.process(fetchOf(['q'], 'quiet'))];
    await tick();
    for (let sent = 1; sent < all.length; sent++) {
      answerAll();
      await tick();
    }
    expect(requests).toEqual([['1'], ['q'], ['2'], ['3']]);
    answerAll();
    await Promise.all(all);
  });

  it('splits at maxBatch representations', async () => {
    const { tanks, requests, answerAll } = setup({ maxBatch: 2 });
    const all = [tanks.process(fetchOf(['1', '2'])), tanks.process(fetchOf(['3']))];
    await tick();
    expect(requests).toEqual([['1', '2'], ['3']]);
    answerAll();
    await Promise.all(all);
  });

  describe('with the cache', () => {
    it('answers from the cache until the subgraph announces a change for the tenant', async () => {
      const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
      const { tanks, requests, names, answerAll } = setup({ cache });
      const first = tanks.process(fetchOf(['1']));
      await tick();
      answerAll();
      await first;
      expect((await tanks.process(fetchOf(['1']))).data).toEqual({ _entities: [{ name: 'Tank 1' }] });
      expect(requests).toHaveLength(1);
      names.set('1', 'Renamed');
      cache.invalidate('tanks', 't1');
      const after = tanks.process(fetchOf(['1']));
      await tick();
      answerAll();
      expect((await after).data).toEqual({ _entities: [{ name: 'Renamed' }] });
      expect(requests).toHaveLength(2);
    });

    it('does not keep an answer fetched before a change that arrived while it was in flight', async () => {
      const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
      const { tanks, requests, answerAll } = setup({ cache });
      const inFlight = tanks.process(fetchOf(['1']));
      await tick();
      cache.invalidate('tanks', 't1');
      answerAll();
      await inFlight;
      const again = tanks.process(fetchOf(['1']));
      await tick();
      expect(requests).toHaveLength(2);
      answerAll();
      await again;
    });

    it('keeps tenants and scopes apart, and never caches an entity that failed', async () => {
      const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
      const { tanks, requests, answerAll } = setup({ cache });
      const first = tanks.process(fetchOf(['1', 'bad']));
      await tick();
      answerAll();
      await first;
      const others = [tanks.process(fetchOf(['1'], 't2')), tanks.process(fetchOf(['1'], 't1', ['other:read'])), tanks.process(fetchOf(['bad']))];
      await tick();
      expect(requests.slice(1)).toEqual([['1'], ['1'], ['bad']]);
      answerAll();
      await Promise.all(others);
    });

    it('hands each caller its own copy of a cached answer, and shares it between callers with the same scopes', async () => {
      const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
      const { tanks, requests, answerAll } = setup({ cache });
      const first = tanks.process(fetchOf(['1']));
      await tick();
      answerAll();
      const answer = await first;
      (answer.data!._entities as { name: string }[])[0]!.name = 'changed by execution';
      // Another subscriber: the same scopes in an array of its own.
      const again = await tanks.process(fetchOf(['1'], 't1', ['tanks:read']));
      expect(again.data).toEqual({ _entities: [{ name: 'Tank 1' }] });
      (again.data!._entities as { name: string }[])[0]!.name = 'changed again';
      expect((await tanks.process(fetchOf(['1']))).data).toEqual({ _entities: [{ name: 'Tank 1' }] });
      expect(requests).toEqual([['1']]);
    });
  });
});

describe('scope names', () => {
  it('never give a new scope set the name of an earlier one, also after 10,000 others were named', async () => {
    const cache = new EntityCache({ maxEntries: 100, ttlMs: 60_000 });
    const { tanks, answerAll } = setup({ cache, maxConcurrent: 20_000 });
    const first = tanks.process(fetchOf(['1'], 't1', ['tanks:read']));
    await tick();
    answerAll();
    await first;
    // Operations with other variables each get a name, until the names start again.
    for (let v = 0; v < 9_999; v++) {
      const options = fetchOf(['1'], 't9');
      void tanks.process({ ...options, request: { ...options.request, variables: { ...options.request.variables, v } } });
    }
    // Scopes as long as the first caller's, named first after the names started again: no cached answer is theirs.
    const other = tanks.process(fetchOf(['1'], 't1', ['tanks:reaD']));
    expect(await Promise.race([other.then(() => 'answered from the cache'), tick().then(() => 'asked the subgraph')])).toBe('asked the subgraph');
    answerAll();
  });
});

describe('representation keys', () => {
  it('are the stable JSON of the representation, whatever the order of its fields', () => {
    const flat = { id: 'a"1', __typename: 'Tank', n: 3, ok: true, gone: undefined, none: null };
    expect(representationKey(flat)).toBe(stableStringify(flat));
    expect(representationKey({ __typename: 'Tank', id: 'x' })).toBe(representationKey({ id: 'x', __typename: 'Tank' }));
    const nested = { __typename: 'Reading', at: { tank: '1', time: 't' }, id: '2' };
    expect(representationKey(nested)).toBe(stableStringify(nested));
    expect(representationKey('plain')).toBe('"plain"');
  });
});

describe('copies of answers', () => {
  it('are deep, and keep a field named __proto__ a field', () => {
    const answer = JSON.parse('{"name":"T","site":{"name":"S","tags":["a",{"b":1}]},"__proto__":{"x":1}}') as Record<string, unknown>;
    const copy = copyJson(answer);
    expect(copy).toEqual(answer);
    expect(copy.site).not.toBe(answer.site);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['name', 'site', '__proto__']);
  });
});
