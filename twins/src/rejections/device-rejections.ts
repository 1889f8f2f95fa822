import { deviceKey, type DeviceKind, type Rejection } from '@hearth/broker';
import type { MqttRejectionReason } from '@hearth/platform';

export interface RejectionSummary {
  reason: MqttRejectionReason;
  count: number;
  lastAt: Date;
  lastDetail: string;
  /** The device the topic named, if any (gateway summaries cover all of its devices). */
  device?: { kind: DeviceKind; deviceId: string };
}

/**
 * Why data is missing, per device and per gateway: the broker's rejections (bad payload, unknown
 * device, not bound, too large, duplicate…), counted by reason with the latest detail. Kept per
 * tenant of the gateway that sent them: device ids are a namespace per tenant, so the `meter/m-1`
 * a gateway names is its own tenant's, never another tenant's device of that id. In memory and
 * bounded (least recently rejected devices and gateways go first); counts start again when the
 * service restarts, the Prometheus counter `hearth_mqtt_rejections_total` keeps the totals.
 */
export class DeviceRejections {
  private readonly devices = new Map<string, Map<string, RejectionSummary>>();
  private readonly gateways = new Map<string, Map<string, RejectionSummary>>();

  constructor(
    private readonly maxDevices = 10_000,
    private readonly maxGateways = 2_000,
    /** Distinct (device, reason) entries kept per gateway. */
    private readonly perGateway = 50,
  ) {}

  record(rejection: Rejection): void {
    const { tenantId, gatewayId, device } = rejection;
    if (!tenantId) return; // not authenticated: no tenant can be told
    if (device) {
      add(this.devices, deviceKey(tenantId, device.kind, device.deviceId), rejection.reason, rejection, this.maxDevices, Infinity);
    }
    if (gatewayId)
      add(
        this.gateways,
        `${tenantId}/${gatewayId}`,
        `${device?.kind ?? ''}/${device?.deviceId ?? ''}/${rejection.reason}`,
        rejection,
        this.maxGateways,
        this.perGateway,
      );
  }

  /** Most recent first. */
  forDevice(tenantId: string, kind: DeviceKind, deviceId: string): RejectionSummary[] {
    return recentFirst(this.devices.get(deviceKey(tenantId, kind, deviceId)));
  }

  forGateway(tenantId: string, gatewayId: string): RejectionSummary[] {
    return recentFirst(this.gateways.get(`${tenantId}/${gatewayId}`));
  }
}

function add(
  table: Map<string, Map<string, RejectionSummary>>,
  key: string,
  entryKey: string,
  rejection: Rejection,
  maxKeys: number,
  maxEntries: number,
): void {
  const entries = table.get(key) ?? new Map<string, RejectionSummary>();
  // Re-inserting keeps Map order = least recently rejected first, which is what is evicted.
  table.delete(key);
  table.set(key, entries);
  const previous = entries.get(entryKey);
  entries.delete(entryKey);
  entries.set(entryKey, {
    reason: rejection.reason,
    count: (previous?.count ?? 0) + rejection.count,
    lastAt: rejection.at,
    lastDetail: rejection.detail,
    ...(rejection.device ? { device: rejection.device } : {}),
  });
  if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  if (table.size > maxKeys) table.delete(table.keys().next().value!);
}

const recentFirst = (entries: Map<string, RejectionSummary> | undefined) =>
  [...(entries?.values() ?? [])].map((e) => ({ ...e })).sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
