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
  const { state, changes } = applyGatewayStatus(current, status.online, status.at);
  batch.putGateway(state);
  for (const change of changes) batch.alarms.push({ tenantId: state.tenantId, assetKind: 'gateway', assetId: state.gatewayId, change });
  if (state.version === current.version) return;
  for (const { kind, twin } of batch.devicesBehind(status.gatewayId)) {
    const next = status.online ? reachable(twin) : unreachable(twin);
    if (next !== twin) batch.of(kind).put(next);
  }
}
