import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { HearthError, ownedBy } from '@hearth/platform';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { tankDelta } from '../model/tank-desired';
import type { TankTwinState } from '../model/tank-twin';
import { emptyTankTwin } from '../model/tank-twin';
import { MAX_HISTORY_POINTS, tankHistory } from '../store/tank-history-store';
import { Gateway } from '../../../schema/gateway.entity';
import { MqttRejection, toMqttRejection } from '../../../schema/mqtt-rejection.type';
import type { TwinEvents } from '../../twin-events';
import type { TankGraphqlDeps } from './tank-graphql';
import { Tank } from './tank.entity';
import { HistoryResolution, TankReading, TankTwin } from './tank-twin.type';

export const MAX_SUBSCRIBED_TANKS = 1000;

const latest = (dates: (Date | undefined)[]) => dates.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/**
 * The GraphQL view of a twin, once per event and subscriber field: written out field by field,
 * as `{ ...reported, ...derived }` costs V8 about 27 µs a twin (an object built from two spreads
 * goes property by property), which was 5 % of the services' thread at 5,000 changes a second.
 */
export const toTwin = (s: TankTwinState): TankTwin => ({
  levelMm: s.reported.levelMm,
  temperatureC: s.reported.temperatureC,
  pressureKPa: s.reported.pressureKPa,
  waterLevelMm: s.reported.waterLevelMm,
  inletValveOpen: s.reported.inletValveOpen,
  highHighSetpointMm: s.reported.highHighSetpointMm,
  volumeLiters: s.derived.volumeLiters,
  volumeAtReferenceLiters: s.derived.volumeAtReferenceLiters,
  fillPercent: s.derived.fillPercent,
  massKg: s.derived.massKg,
  online: s.online,
  stale: s.stale,
  lastSeenAt: s.lastSeenAt,
  reportedAt: s.reportedAt,
  gatewayId: s.gatewayId,
  version: s.version,
  alarms: s.alarms,
  desired: {
    inletValveOpen: s.desired.inletValveOpen?.value ?? null,
    highHighSetpointMm: s.desired.highHighSetpointMm?.value ?? null,
    updatedAt: latest([s.desired.inletValveOpen?.at, s.desired.highHighSetpointMm?.at]),
  },
  delta: ((d) => d && { inletValveOpen: d.inletValveOpen ?? null, highHighSetpointMm: d.highHighSetpointMm ?? null })(tankDelta(s.desired, s.reported)),
  tankId: s.tankId,
  tenantId: s.tenantId,
});

@Resolver(() => Tank)
export class TankTwinResolver {
  constructor(private readonly deps: TankGraphqlDeps) {}

  @FieldResolver(() => TankTwin, { nullable: true, description: 'The live twin; null for a tank of another tenant or one the twins do not know.' })
  twin(@Root() tank: Tank, @Ctx() ctx: SubgraphContext): TankTwin | null {
    const state = ownedBy(tank.snapshot ?? this.deps.twins.get(tank.id), ctx.tenantId);
    if (state) return toTwin(state);
    const config = this.deps.configs.get(tank.id);
    return ownedBy(config, ctx.tenantId) ? toTwin(emptyTankTwin(tank.id, ctx.tenantId)) : null;
  }

  @Subscription(() => Tank, {
    description: 'Fires after each committed change of the given tanks’ twins (all your tanks when tankIds is omitted).',
    // Declared here for the schema; subscribed by `tankChangesOf` (tankGraphql), which knows this service's events.
    subscribe: () => {
      throw new Error('tankTwinChanged is subscribed by the tank kind’s hand-written resolver');
    },
  })
  tankTwinChanged(
    @Root() event: TankTwinState,
    @Arg('tankIds', () => [ID], { nullable: true, description: `Up to ${MAX_SUBSCRIBED_TANKS} tank ids.` }) _tankIds?: string[] | null,
  ): Tank {
    return tankOfChange(event);
  }
}

/**
 * What each `tankTwinChanged` event resolves to: the tank, carrying the committed state. The
 * schema resolves events with this directly (`tankGraphql`): type-graphql's resolver for the
 * method converts its arguments for every event, up to 1,000 tank ids that only `subscribe` reads.
 */
export const tankOfChange = (state: TankTwinState): Tank => ({ id: state.tankId, snapshot: state });

/** Subscribes `tankTwinChanged`: the caller's tanks' committed changes; its return() (the client left) stops listening. */
export const tankChangesOf =
  (events: TwinEvents<TankTwinState>) =>
  (_root: unknown, args: { tankIds?: string[] | null }, context: SubgraphContext): AsyncIterableIterator<TankTwinState> => {
    const ids = args.tankIds ?? [];
    if (ids.length > MAX_SUBSCRIBED_TANKS)
      throw new HearthError('LIMIT_EXCEEDED', `Subscribe to at most ${MAX_SUBSCRIBED_TANKS} tanks at once.`, { max: MAX_SUBSCRIBED_TANKS });
    return events.changes(context.tenantId, ids);
  };

@Resolver(() => TankTwin)
export class TankHistoryResolver {
  constructor(private readonly deps: TankGraphqlDeps) {}

  @FieldResolver(() => [TankReading], { description: 'History from TimescaleDB (continuous aggregates for MINUTE/HOUR), oldest first, at most maxPoints.' })
  history(
    @Root() twin: TankTwin,
    @Arg('from', () => Date, { description: 'Start of the range (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range (exclusive); must be after `from`.' }) to: Date,
    @Arg('resolution', () => HistoryResolution, { defaultValue: HistoryResolution.AUTO, description: 'How samples are bucketed (default AUTO).' })
    resolution: HistoryResolution,
    @Arg('maxPoints', () => Int, {
      defaultValue: 500,
      description: `The most points to return, 1–${MAX_HISTORY_POINTS.toLocaleString('en-US')} (default 500); RAW, MINUTE and HOUR fail with LIMIT_EXCEEDED rather than return more.`,
    })
    maxPoints: number,
  ) {
    return tankHistory(this.deps.db, { tenantId: twin.tenantId, tankId: twin.tankId, from, to, resolution, maxPoints });
  }

  @FieldResolver(() => [MqttRejection], {
    description: 'Why data from the gauge was refused, per reason with the latest detail (bad payload, not bound, too large, duplicate…), most recent first.',
  })
  rejections(@Root() twin: TankTwin): MqttRejection[] {
    return this.deps.rejections.forDevice(twin.tenantId, 'tank', twin.tankId).map(toMqttRejection);
  }

  @FieldResolver(() => Gateway, { nullable: true, description: 'The IoT gateway the gauge last reported through.' })
  gateway(@Root() twin: TankTwin): Gateway | null {
    return twin.gatewayId ? { id: twin.gatewayId } : null;
  }
}
