import type { DeviceKind } from '@hearth/broker';
import type { AlarmEvents } from '../alarms/alarm-events';
import type { DeviceTwin, KindBatch, TwinKind, TwinKinds } from '../kinds/twin-kind';
import type { GatewayTwinState } from '../model/gateway-twin';
import type { AssetAlarmChange } from '../store/alarm-store';
import type { CommandAck } from '../store/command-store';
import type { GatewayTwins } from './gateway-twins';
import type { Peers } from '../instances/peer-instances';

export interface CommittedTwins {
  /** Every registered kind, each with its committed twins. */
  kinds: TwinKinds;
  gateways: GatewayTwins;
  /** Where committed alarm changes are announced (`alarmChanged`); none in tests that do not listen. */
  alarms?: AlarmEvents;
  /** The other twins instances (ADR 0014); absent: this instance is the only one. */
  peers?: Peers;
}

/** A kind's changes in one batch. */
interface KindChanges {
  twins: Map<string, DeviceTwin>;
  rows: unknown[];
  /** The kind's view of the batch, made once (a handler asks for it per message). */
  view: KindBatch<DeviceTwin, unknown>;
}

/** A device twin of any kind, with its kind. */
export interface KindTwin {
  kind: TwinKind;
  twin: DeviceTwin;
}

/**
 * What one transaction of the pipeline changes: twins (read through to the committed ones),
 * samples, alarm changes and command acks. Nothing here is visible to readers until it commits.
 */
export class TwinBatch {
  readonly alarms: AssetAlarmChange[] = [];
  /** Acks with the index of the message that carried them. */
  readonly acks: (CommandAck & { message: number })[] = [];
  private readonly changes = new Map<TwinKind, KindChanges>();
  private readonly gateways = new Map<string, GatewayTwinState>();
  /** Gateways heard from in this batch, and when last (see `heardFrom`). */
  private readonly seen = new Map<string, Date>();

  constructor(readonly committed: CommittedTwins) {}

  /** One kind's view of the batch: its twins (read through to the committed ones) and its rows. */
  of<State extends DeviceTwin, Row>(kind: TwinKind<State, Row>): KindBatch<State, Row> {
    // The registry keeps kinds apart from their types; each view only ever holds its own kind's twins and rows.
    return this.changesOf(kind as unknown as TwinKind).view as unknown as KindBatch<State, Row>;
  }

  /** The batch's view of a kind by name; undefined for a kind nobody registered. */
  ofKind(kind: DeviceKind): KindBatch<DeviceTwin, unknown> | undefined {
    const registered = this.committed.kinds.get(kind);
    return registered && this.of(registered);
  }

  gateway(gatewayId: string): GatewayTwinState | undefined {
    return movedSeen(this.gateways.get(gatewayId) ?? this.committed.gateways.get(gatewayId), this.seen.get(gatewayId));
  }

  putGateway(twin: GatewayTwinState): void {
    this.gateways.set(twin.gatewayId, twin);
  }

  /** This twins instance, as recorded on the gateways it holds (ADR 0014). */
  get instanceId(): string | null {
    return this.committed.peers?.id ?? null;
  }

  /** Whether this instance does the gateway's connectivity work: it holds it, or took it from a dead instance. */
  owns(gateway: GatewayTwinState): boolean {
    return this.committed.peers?.owns(gateway.holder) ?? true;
  }

  /** Twins of every kind whose last data came through this gateway, as this batch sees them. */
  devicesBehind(gatewayId: string): KindTwin[] {
    return this.committed.kinds.all().flatMap((kind) => {
      const changed = this.changes.get(kind)?.twins ?? new Map<string, DeviceTwin>();
      // Committed twins are read once by behindGateway; this batch's own versions take their place.
      const committed = kind.twins.behindGateway(gatewayId);
      const ids = new Set(committed.map((t) => kind.idOf(t)));
      const onlyHere = [...changed.values()].filter((t) => !ids.has(kind.idOf(t)));
      return [...committed.map((t) => changed.get(kind.idOf(t)) ?? t), ...onlyHere].filter((t) => t.gatewayId === gatewayId).map((twin) => ({ kind, twin }));
    });
  }

  /** A gateway was heard from: only its last-seen time moves (not its version). */
  heardFrom(gatewayId: string, at: Date): void {
    const last = this.seen.get(gatewayId);
    if (!last || last < at) this.seen.set(gatewayId, at);
  }

  /** What the batch changed, kind by kind: twins and rows. */
  changedKinds(): { kind: TwinKind; twins: DeviceTwin[]; rows: unknown[] }[] {
    return [...this.changes]
      .filter(([, changes]) => changes.twins.size > 0 || changes.rows.length > 0)
      .map(([kind, changes]) => ({ kind, twins: [...changes.twins.values()], rows: changes.rows }));
  }

  private changesOf(kind: TwinKind): KindChanges {
    let changes = this.changes.get(kind);
    if (!changes) {
      const twins = new Map<string, DeviceTwin>();
      const rows: unknown[] = [];
      const view: KindBatch<DeviceTwin, unknown> = {
        get: (deviceId) => twins.get(deviceId) ?? kind.twins.get(deviceId),
        put: (twin) => void twins.set(kind.idOf(twin), twin),
        rows,
        alarms: this.alarms,
      };
      this.changes.set(kind, (changes = { twins, rows, view }));
    }
    return changes;
  }

  /** Gateway twins this batch changed (status, alarms), with their last-seen time. */
  changedGateways(): GatewayTwinState[] {
    return [...this.gateways.values()].map((twin) => movedSeen(twin, this.seen.get(twin.gatewayId))!);
  }

  /**
   * Gateway twins whose only change is their last-seen time. Kept apart because that time moves
   * with every message while little depends on its stored copy (see `IngestPipeline`).
   */
  seenGateways(): GatewayTwinState[] {
    const twins: GatewayTwinState[] = [];
    for (const [gatewayId, at] of this.seen) {
      const twin = this.gateways.has(gatewayId) ? undefined : this.committed.gateways.get(gatewayId);
      const moved = movedSeen(twin, at);
      if (moved && moved !== twin) twins.push(moved);
    }
    return twins;
  }
}

const movedSeen = (twin: GatewayTwinState | undefined, at: Date | undefined): GatewayTwinState | undefined =>
  twin && at && !(twin.lastSeenAt && twin.lastSeenAt >= at) ? { ...twin, lastSeenAt: at } : twin;
