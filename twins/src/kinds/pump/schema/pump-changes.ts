import type { SubgraphContext } from '@hearth/platform/graphql';
import type { PumpTwinState } from '../model/pump-twin';
import type { PumpGraphqlDeps } from './pump-graphql';

/**
 * `pumpTwinChanged`: the caller's pumps' committed changes, of one pump, of one station's pumps,
 * or all of them. A station's subscriber reads the tenant's changes and keeps its station's (the
 * pump's station is in memory, `PumpPlaces`); a pump's reads only that pump's.
 */
export const pumpChangesOf =
  (deps: PumpGraphqlDeps) =>
  (_root: unknown, args: { pumpId?: string | null; stationId?: string | null }, ctx: SubgraphContext): AsyncIterableIterator<PumpTwinState> => {
    const changes = deps.kind.events.changes(ctx.tenantId, args.pumpId ? [args.pumpId] : []);
    const stationId = args.stationId;
    if (!stationId) return changes;
    return new Filtered(changes, (twin) => deps.kind.places.stationOf(twin.tenantId, twin.pumpId) === stationId);
  };

/**
 * Only the values that pass. Not an async generator: a generator waiting for its next value
 * cannot be returned from until one comes, so a subscriber that leaves would hold its queue.
 */
class Filtered<T> implements AsyncIterableIterator<T> {
  constructor(
    private readonly source: AsyncIterableIterator<T>,
    private readonly passes: (value: T) => boolean,
  ) {}

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      const result = await this.source.next();
      if (result.done || this.passes(result.value)) return result;
    }
  }

  return(): Promise<IteratorResult<T>> {
    return this.source.return?.() ?? Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
