import type { GatewayStatus } from '@hearth/broker';
import type { TwinBatch } from '../ingest/twin-batch';
import { reachable, unreachable } from '../model/connectivity';
import { applyGatewayStatus, emptyGatewayTwin } from '../model/gateway-twin';

/**
 * A gateway connected or went away (its Last Will, or its last connection closing). Its twin
 * records it; the devices behind it become unreachable, or reachable again (their stale clock
 * restarts). No alarm is raised here: the connectivity monitor raises one per gateway once it has
 * been offline long enough, so a brief reconnect makes no noise.
 */
export function handleGatewayStatus(status: GatewayStatus, batch: TwinBatch): void {
  const current = batch.gateway(status.gatewayId) ?? emptyGatewayTwin(status.gatewayId, status.tenantId);
  // A connection closing here after the gateway connected to another live instance (ADR 0014) says
  // nothing about the gateway: that instance holds it now.
  if (!status.online && !batch.owns(current)) return;
  const applied = applyGatewayStatus(current, status.online, status.at);
  // A gateway moving to this instance while recorded online (its old connection not yet seen to close) is a change too.
  const moved = applied.state.holder !== batch.instanceId && applied.state.version === current.version;
  const state = { ...applied.state, holder: batch.instanceId, version: applied.state.version + (moved ? 1 : 0) };
  const { changes } = applied;
  batch.putGateway(state);
  for (const change of changes) batch.alarms.push({ tenantId: state.tenantId, assetKind: 'gateway', assetId: state.gatewayId, change });
  if (state.version === current.version) return;
  for (const { kind, twin } of batch.devicesBehind(status.gatewayId)) {
    const next = status.online ? reachable(twin) : unreachable(twin);
    if (next !== twin) batch.of(kind).put(next);
  }
}
