import { randomUUID } from 'node:crypto';
import type { DeviceKind } from '@hearth/broker';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { TwinBatch } from '../ingest/twin-batch';
import { isStale, markedStale, unreachable } from '../model/connectivity';
import { offlineAlarm, withAlarm } from '../model/gateway-twin';
import { handleGatewayStatus } from '../handlers/gateway-status';

export interface ConnectivitySettings {
  /** How long a gateway may be offline before its GATEWAY_OFFLINE alarm is raised. */
  gatewayOfflineAlarmAfterMs: number;
  /** How long a device behind a live gateway may be silent before it is stale, per kind. */
  staleAfterMs: Record<DeviceKind, number>;
}

export const defaultConnectivity: ConnectivitySettings = {
  gatewayOfflineAlarmAfterMs: 60_000,
  // A gas detector reports at least every few minutes (its heartbeat); silent for 10 it no longer protects anyone.
  // A filling scale reports its weight while it works; an idle one (a station closed overnight) may be silent for long.
  staleAfterMs: { tank: 300_000, cylinder: 3_600_000, pump: 600_000, meter: 3_600_000, detector: 600_000, valve: 600_000, scale: 3_600_000 },
};

/** One pass of the scheduled check: gateway offline alarms and stale devices. Returns what it changed. */
export function checkConnectivity(pipeline: IngestPipeline, settings: ConnectivitySettings, now = new Date()): Promise<{ alarms: number; stale: number }> {
  return pipeline.run(async (_tx, batch) => {
    takeOverOrphans(batch, now);
    return { alarms: raiseOfflineAlarms(batch, settings, now), stale: markStale(batch, settings, now) };
  });
}

/**
 * Gateways recorded online at an instance that has since died (its heartbeat stopped, ADR 0014):
 * their connection died with it. The instance that takes them over records them offline from now,
 * so their offline alarm follows as for any other; a gateway that reconnects anywhere is held there.
 */
function takeOverOrphans(batch: TwinBatch, now: Date): void {
  for (const gateway of batch.committed.gateways.all()) {
    if (!gateway.online || gateway.holder === batch.instanceId || !batch.owns(gateway)) continue;
    handleGatewayStatus({ tenantId: gateway.tenantId, gatewayId: gateway.gatewayId, online: false, at: now }, batch);
  }
}

function raiseOfflineAlarms(batch: TwinBatch, settings: ConnectivitySettings, now: Date): number {
  let raised = 0;
  for (const gateway of batch.committed.gateways.all()) {
    if (!batch.owns(gateway)) continue;
    const change = offlineAlarm(gateway, now, settings.gatewayOfflineAlarmAfterMs, batch.devicesBehind(gateway.gatewayId).length, randomUUID);
    if (!change) continue;
    batch.putGateway(withAlarm(gateway, change));
    batch.alarms.push({ tenantId: gateway.tenantId, assetKind: 'gateway', assetId: gateway.gatewayId, change });
    raised++;
  }
  return raised;
}

/** Every registered kind's twins, each kind with its own timeout. */
function markStale(batch: TwinBatch, settings: ConnectivitySettings, now: Date): number {
  let marked = 0;
  for (const kind of batch.committed.kinds.all()) {
    const twins = batch.of(kind);
    for (const twin of kind.twins.all()) {
      const gateway = twin.gatewayId ? batch.gateway(twin.gatewayId) : undefined;
      if (!gateway || !batch.owns(gateway) || !isStale(twin, gateway, now, settings.staleAfterMs[kind.kind])) continue;
      if (!kind.markStale) twins.put(markedStale(twin));
      else {
        const staled = kind.markStale(twin, now);
        twins.put(staled.twin);
        for (const change of staled.alarms)
          batch.alarms.push({ tenantId: twin.tenantId, assetKind: kind.kind, assetId: kind.idOf(twin), siteId: kind.siteOf?.(twin) ?? null, change });
      }
      marked++;
    }
  }
  return marked;
}

/**
 * At start no gateway is connected yet, whatever the last run recorded (a crash records nothing):
 * gateways recorded online, and every device, are offline until their gateway reconnects. The
 * offline clock starts now, so a gateway that comes back within the alarm delay raises nothing.
 */
export function startOffline(pipeline: IngestPipeline, now = new Date()): Promise<number> {
  return pipeline.run(async (_tx, batch) => {
    let n = 0;
    // Gateways held by another live instance (ADR 0014) are connected there, and their devices reachable.
    const elsewhere = new Set<string>();
    for (const gateway of batch.committed.gateways.all()) {
      if (!batch.owns(gateway)) elsewhere.add(gateway.gatewayId);
      else if (gateway.online) {
        batch.putGateway({ ...gateway, online: false, since: now, version: gateway.version + 1, holder: batch.instanceId });
        n++;
      }
    }
    for (const kind of batch.committed.kinds.all()) {
      const twins = batch.of(kind);
      for (const twin of kind.twins.all()) {
        if (twin.gatewayId && elsewhere.has(twin.gatewayId)) continue;
        const offline = unreachable(twin);
        if (offline !== twin) twins.put(offline);
      }
    }
    return n;
  });
}
