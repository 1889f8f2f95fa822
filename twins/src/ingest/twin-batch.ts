import type { GatewayTwinState } from '../model/gateway-twin';
import type { TankTwinState } from '../model/tank-twin';
import type { AssetAlarmChange } from '../store/alarm-store';
import type { CommandAck } from '../store/command-store';
import type { TankSampleRow } from '../store/tank-sample-store';
import type { GatewayTwins } from './gateway-twins';
import type { TankTwins } from './tank-twins';

export interface CommittedTwins {
  tanks: TankTwins;
  gateways: GatewayTwins;
}

/**
 * What one transaction of the pipeline changes: twins (read through to the committed ones),
 * samples, alarm changes and command acks. Nothing here is visible to readers until it commits.
 */
export class TwinBatch {
  readonly samples: TankSampleRow[] = [];
  readonly alarms: AssetAlarmChange[] = [];
  /** Acks with the index of the message that carried them. */
  readonly acks: (CommandAck & { message: number })[] = [];
  private readonly tanks = new Map<string, TankTwinState>();
  private readonly gateways = new Map<string, GatewayTwinState>();
  /** Gateways heard from in this batch, and when last (see `heardFrom`). */
  private readonly seen = new Map<string, Date>();

  constructor(readonly committed: CommittedTwins) {}

  tank(tankId: string): TankTwinState | undefined {
    return this.tanks.get(tankId) ?? this.committed.tanks.get(tankId);
  }

  putTank(twin: TankTwinState): void {
    this.tanks.set(twin.tankId, twin);
  }

  gateway(gatewayId: string): GatewayTwinState | undefined {
    return movedSeen(this.gateways.get(gatewayId) ?? this.committed.gateways.get(gatewayId), this.seen.get(gatewayId));
  }

  putGateway(twin: GatewayTwinState): void {
    this.gateways.set(twin.gatewayId, twin);
  }

  /** Tank twins whose last data came through this gateway, as this batch sees them. */
  tanksBehind(gatewayId: string): TankTwinState[] {
    // Committed twins are unpacked once by behindGateway; this batch's own versions take their place.
    const committed = this.committed.tanks.behindGateway(gatewayId);
    const ids = new Set(committed.map((t) => t.tankId));
    const onlyHere = [...this.tanks.values()].filter((t) => !ids.has(t.tankId));
    return [...committed.map((t) => this.tanks.get(t.tankId) ?? t), ...onlyHere].filter((t) => t.gatewayId === gatewayId);
  }

  /** A gateway was heard from: only its last-seen time moves (not its version). */
  heardFrom(gatewayId: string, at: Date): void {
    const last = this.seen.get(gatewayId);
    if (!last || last < at) this.seen.set(gatewayId, at);
  }

  changedTanks(): TankTwinState[] {
    return [...this.tanks.values()];
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
