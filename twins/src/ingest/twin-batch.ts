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

  constructor(readonly committed: CommittedTwins) {}

  tank(tankId: string): TankTwinState | undefined {
    return this.tanks.get(tankId) ?? this.committed.tanks.get(tankId);
  }

  putTank(twin: TankTwinState): void {
    this.tanks.set(twin.tankId, twin);
  }

  gateway(gatewayId: string): GatewayTwinState | undefined {
    return this.gateways.get(gatewayId) ?? this.committed.gateways.get(gatewayId);
  }

  putGateway(twin: GatewayTwinState): void {
    this.gateways.set(twin.gatewayId, twin);
  }

  /** Tank twins whose last data came through this gateway, as this batch sees them. */
  tanksBehind(gatewayId: string): TankTwinState[] {
    const ids = new Set([...this.committed.tanks.behindGateway(gatewayId).map((t) => t.tankId), ...this.tanks.keys()]);
    return [...ids].map((id) => this.tank(id)!).filter((t) => t.gatewayId === gatewayId);
  }

  /** A gateway was heard from: only its last-seen time moves (not its version). */
  heardFrom(gatewayId: string, at: Date): void {
    const twin = this.gateway(gatewayId);
    if (twin && !(twin.lastSeenAt && twin.lastSeenAt >= at)) this.putGateway({ ...twin, lastSeenAt: at });
  }

  changedTanks(): TankTwinState[] {
    return [...this.tanks.values()];
  }

  changedGateways(): GatewayTwinState[] {
    return [...this.gateways.values()];
  }
}
