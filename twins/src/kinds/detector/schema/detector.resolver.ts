import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { HearthError, ownedBy } from '@hearth/platform';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { boundDevicesPage, boundGateway, countBoundDevices } from '@hearth/broker';
import { MAX_SUBSCRIBED_DEVICES, valveOf } from '../../valve/schema/valve.resolver';
import { emptyDetectorTwin, type DetectorTwinState } from '../model/detector-twin';
import type { DetectorGraphqlDeps } from './detector-graphql';
import { Detector, DetectorConnection, DetectorReading, DetectorSettingsInput, DetectorTwin, toDetectorTwin } from './detector.types';
import { detectorHistory, MAX_DETECTOR_POINTS } from '../store/detector-store';

/** A detector as the API shows it: levels, valve, and its twin as committed (empty before it first reports). */
export function detectorOf(deps: DetectorGraphqlDeps, id: string, tenantId: string, state: DetectorTwinState | undefined): Detector {
  const settings = deps.kind.settings.get(tenantId, id);
  const levels = deps.kind.settings.levels(tenantId, id);
  const valveId = settings?.valveId;
  return {
    id,
    levels: { firstLel: levels.firstLel, secondLel: levels.secondLel, industrial: levels.industrial },
    siteId: settings?.siteId ?? null,
    valve: valveId ? valveOf(valveId, tenantId, deps.kind.valves.twins.get(valveId)) : null,
    twin: toDetectorTwin(ownedBy(state, tenantId) ?? emptyDetectorTwin(id, tenantId)),
  };
}

@Resolver(() => DetectorTwin)
export class DetectorHistoryResolver {
  constructor(private readonly deps: DetectorGraphqlDeps) {}

  @FieldResolver(() => [DetectorReading], { description: 'Readings from TimescaleDB, oldest first: each bucket’s peak, at most maxPoints buckets.' })
  history(
    @Root() twin: DetectorTwin,
    @Arg('from', () => Date, { description: 'Start of the range (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range (exclusive); must be after `from`.' }) to: Date,
    @Arg('maxPoints', () => Int, { defaultValue: 500, description: `How many buckets at most, 1–${MAX_DETECTOR_POINTS} (default 500).` }) maxPoints: number,
  ): Promise<DetectorReading[]> {
    return detectorHistory(this.deps.db, { tenantId: twin.tenantId, detectorId: twin.detectorId, from, to, maxPoints });
  }
}

@Resolver(() => Detector)
export class DetectorResolver {
  constructor(private readonly deps: DetectorGraphqlDeps) {}

  @Query(() => DetectorConnection, { description: 'Your gas-leak detectors (devices of kind DETECTOR), by id.' })
  async detectors(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<Connection<Detector>> {
    checkPageSize(first);
    const cursor = after ? String(decodeCursor(after, 1)[0]) : undefined;
    const rows = await boundDevicesPage(this.deps.db, ctx.tenantId, 'detector', first + 1, cursor);
    return toConnection(
      rows,
      first,
      await countBoundDevices(this.deps.db, ctx.tenantId, 'detector'),
      Boolean(after),
      (r) => [r.id],
      (r) => detectorOf(this.deps, r.id, ctx.tenantId, this.deps.kind.twins.get(r.id)),
    );
  }

  @Query(() => Detector, { nullable: true, description: 'One of your detectors; null if there is none.' })
  async detector(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The detector’s device id.' }) id: string): Promise<Detector | null> {
    if (!(await boundGateway(this.deps.db, ctx.tenantId, 'detector', id))) return null;
    return detectorOf(this.deps, id, ctx.tenantId, this.deps.kind.twins.get(id));
  }

  @Mutation(() => Detector, {
    description: 'Sets a detector’s alarm levels and the shut-off valve its second level closes; a new level applies from its next reading.',
  })
  async configureDetector(
    @Ctx() ctx: SubgraphContext,
    @Arg('detectorId', () => ID, { description: 'One of your detectors (otherwise NOT_FOUND).' }) detectorId: string,
    @Arg('input', () => DetectorSettingsInput, { description: 'What to change.' }) input: DetectorSettingsInput,
  ): Promise<Detector> {
    await this.deps.kind.configure(ctx, detectorId, {
      firstLel: input.firstLel ?? undefined,
      secondLel: input.secondLel ?? undefined,
      industrial: input.industrial ?? undefined,
      valveId: input.valveId,
      siteId: input.siteId,
    });
    return detectorOf(this.deps, detectorId, ctx.tenantId, this.deps.kind.twins.get(detectorId));
  }

  @Subscription(() => Detector, {
    description: 'Fires after each committed change of the given detectors’ twins (all your detectors when detectorIds is omitted).',
    subscribe: () => {
      throw new Error('detectorChanged is subscribed by the detector kind’s hand-written resolver');
    },
  })
  detectorChanged(
    @Root() state: DetectorTwinState,
    @Arg('detectorIds', () => [ID], { nullable: true, description: `Up to ${MAX_SUBSCRIBED_DEVICES} detector ids.` }) _detectorIds?: string[] | null,
  ): Detector {
    return detectorOf(this.deps, state.detectorId, state.tenantId, state);
  }
}

/** Subscribes `detectorChanged` to the caller's detectors' committed changes. */
export const detectorChangesOf =
  (deps: DetectorGraphqlDeps) =>
  (_root: unknown, args: { detectorIds?: string[] | null }, ctx: SubgraphContext): AsyncIterableIterator<DetectorTwinState> => {
    const ids = args.detectorIds ?? [];
    if (ids.length > MAX_SUBSCRIBED_DEVICES)
      throw new HearthError('LIMIT_EXCEEDED', `Subscribe to at most ${MAX_SUBSCRIBED_DEVICES} detectors at once.`, { max: MAX_SUBSCRIBED_DEVICES });
    return deps.kind.events.changes(ctx.tenantId, ids);
  };
