import type { DeviceKind, DeviceMessage, EventSchema, EventSchemas, RejectionLog, SinkResult, TelemetrySchema, TelemetrySchemas } from '@hearth/broker';
import type { BulkQueryable, Database, Queryable } from '@hearth/platform/db';
import type { HandWrittenResolvers } from '@hearth/platform/graphql';
import type { BuildSchemaOptions } from 'type-graphql';
import type { Logger } from 'pino';
import type { AlarmEvents } from '../alarms/alarm-events';
import type { DesiredStateService } from '../commands/desired-state.service';
import type { DeviceRejections } from '../rejections/device-rejections';
import type { DeviceTwin } from '../model/device-twin';
import type { AssetAlarmChange } from '../store/alarm-store';
import type { AlarmChange } from '../model/alarm';
import { HearthError } from '@hearth/platform';

export type { DeviceTwin };

/** The committed twins of one kind, in memory; only the ingest pipeline writes them. */
export interface KindTwins<State extends DeviceTwin> {
  get(deviceId: string): State | undefined;
  set(twin: State): void;
  /** Every twin, one at a time. */
  all(): Iterable<State>;
  /** The twins whose last data came through this gateway. */
  behindGateway(gatewayId: string): State[];
  /** Reads every stored twin back (service start); returns how many. */
  restore(db: BulkQueryable): Promise<number>;
}

/** One kind's part of a batch: its twins as the batch sees them, and rows of its own to store with them. */
export interface KindBatch<State extends DeviceTwin, Row> {
  get(deviceId: string): State | undefined;
  put(twin: State): void;
  /** Rows the kind stores beside its twins (its time series), written by its `save`. */
  readonly rows: Row[];
  /** Alarm changes of the whole batch, any kind. */
  readonly alarms: AssetAlarmChange[];
}

/** Handles one message of a channel; returns how many of its samples were new and how many repeated. */
export type ChannelHandler<State extends DeviceTwin, Row> = (message: DeviceMessage, batch: KindBatch<State, Row>) => SinkResult;

/**
 * Everything the core asks of one kind of device twin. The ingest pipeline, batching,
 * connectivity and staleness, commands and restore work through it for every registered kind;
 * a message of a kind or channel without a handler is stored as sent (`twins.device_message`).
 */
export interface TwinKind<State extends DeviceTwin = DeviceTwin, Row = unknown> {
  readonly kind: DeviceKind;
  readonly twins: KindTwins<State>;
  idOf(twin: State): string;
  /** What its telemetry may carry; the broker refuses anything else (MQTT_SCHEMA_VIOLATION) before it is stored. */
  readonly telemetry: TelemetrySchema;
  /**
   * What its events may carry (a scale's `TAG_READ`, `FILL`), when it handles the `event` channel; the
   * broker refuses anything else (MQTT_SCHEMA_VIOLATION). Without it, events are named scalars.
   */
  readonly eventSchema?: EventSchema;
  /** By channel of the MQTT contract (`telemetry`, `event`); command acks are the core's. */
  readonly handlers: Partial<Record<'telemetry' | 'event', ChannelHandler<State, Row>>>;
  /** Writes a batch's changed twins and rows of this kind, in the batch's transaction. */
  save(tx: Queryable, twins: State[], rows: Row[]): Promise<void>;
  /**
   * The twin showing what a command asks (`values`, as the kind named them in its request) until the
   * device reports it; `twin` is undefined before the device's first message. A kind whose devices
   * take commands has it; being data in, state out, a request can be carried out by the instance that
   * holds the device's gateway (ADR 0014).
   */
  desire?(twin: State | undefined, command: DesiredCommand): State;
  /** A command ended without being carried out (rejected, expired, cancelled): what it asked for goes. */
  withdraw?(twin: State, commandId: string): State;
  /**
   * After commit: subscribers hear of the changes, and the kind acts on them (an interlock). From
   * `'peer'`, another twins instance committed them and acted already (ADR 0014): only tell subscribers.
   */
  publish(twins: State[], origin?: 'peer'): void;
  /**
   * A twin silent past its kind's timeout while its gateway is connected: the twin as stale, and
   * the alarms that raises (a gas detector that stops reporting protects nobody). Without it the
   * twin is only marked stale.
   */
  markStale?(twin: State, at: Date): { twin: State; alarms: AlarmChange[] };
  /** The site a twin's device stands at, recorded with the alarms the core raises for it; unknown when absent. */
  siteOf?(twin: State): string | null;
  /** Its own tables (twins, time series, configuration), migrated at start as the module `twins.<kind>`. */
  readonly migrations?: URL;
  /** What its devices' command payload carries beside the command `id` (a valve's `action`), from the command's desired values. */
  commandFields?(desired: Record<string, unknown>): Record<string, unknown>;
  /** Before its twins are restored (read what it needs, listen for changes); and at shutdown. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /**
   * The domain record each device of this kind stands for (a tank of the tanks subgraph: a tank
   * device's id is the tank's id). A device is bound only to one of the caller's; kinds without one
   * bind any well-formed id.
   */
  readonly asset?: { entity: string; owned(tenantId: string, deviceId: string): Promise<boolean> };
  /** Handed the core's services once they exist, before the first message is taken (a kind that sends commands of its own: an interlock). */
  connect?(core: KindCore): void;
  /** Its part of the twins subgraph: its twin on the domain entity (`Tank.twin`), its subscription, its commands. */
  graphql?(core: CoreGraphqlDeps): KindGraphql;
}

/** A command as `TwinKind.desire` sees it. */
export interface DesiredCommand {
  tenantId: string;
  deviceId: string;
  commandId: string;
  values: Record<string, unknown>;
  at: Date;
}

/** The core's services a kind may act through. */
export interface KindCore {
  db: Database;
  desiredState: DesiredStateService;
  logger: Logger;
  /** Tells `alarmChanged` subscribers of alarms a kind stored itself, outside a batch (a sale's anomalies), once committed. */
  alarms: AlarmEvents;
  /** The broker's rejection log: a sample the broker let through but the kind refuses (a meter's other register) is counted there, as the broker counts its own. */
  rejections?: Pick<RejectionLog, 'record'>;
}

/** What the twins subgraph hands every kind's resolvers. */
export interface CoreGraphqlDeps {
  db: Database;
  rejections: DeviceRejections;
  desiredState: DesiredStateService;
}

/** A kind's part of the twins subgraph. */
export interface KindGraphql {
  /** Resolver instances (type-graphql classes, constructed with what they need). */
  resolvers: object[];
  /** Entities of other subgraphs it extends (`Tank`), and types reached only through them. */
  types: NonNullable<BuildSchemaOptions['orphanedTypes']>;
  /** Resolvers written by hand: its entities' `__resolveReference`, its subscriptions' `subscribe` and `resolve`. */
  handWritten: HandWrittenResolvers;
}

/** The registered kinds, by the `{kind}` level of their topics. */
export class TwinKinds {
  private readonly byKind = new Map<DeviceKind, TwinKind>();

  register<State extends DeviceTwin, Row>(kind: TwinKind<State, Row>): this {
    if (this.byKind.has(kind.kind)) throw new Error(`Twin kind ${kind.kind} is registered twice: one folder per kind`);
    // The registry keeps kinds apart from their types; each is only ever handed its own twins and rows.
    this.byKind.set(kind.kind, kind as unknown as TwinKind);
    return this;
  }

  get(kind: DeviceKind): TwinKind | undefined {
    return this.byKind.get(kind);
  }

  /** The kind, or UNKNOWN_DEVICE_KIND: nothing here models devices of that kind. */
  require(kind: string): TwinKind {
    const registered = this.byKind.get(kind as DeviceKind);
    if (!registered) throw new HearthError('UNKNOWN_DEVICE_KIND', `No twin kind "${kind}" is registered; its devices' data is stored as sent.`, { kind });
    return registered;
  }

  all(): TwinKind[] {
    return [...this.byKind.values()];
  }

  /** The event schemas of the registered kinds that model their events, for the broker. */
  eventSchemas(): EventSchemas {
    return Object.fromEntries(this.all().flatMap((kind) => (kind.eventSchema ? [[kind.kind, kind.eventSchema]] : [])));
  }

  /** The registered kinds' telemetry schemas, for the broker. */
  telemetrySchemas(): TelemetrySchemas {
    return Object.fromEntries(this.all().map((kind) => [kind.kind, kind.telemetry]));
  }
}
