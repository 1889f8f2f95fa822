import { counter, errorCodes, type MqttRejectionReason } from '@hearth/platform';
import { deviceKey, type DeviceKind } from './topics';

export const mqttRejectionReasons = (Object.keys(errorCodes) as (keyof typeof errorCodes)[]).filter(
  (code): code is MqttRejectionReason => errorCodes[code].surface === 'mqtt',
);

const rejectionsTotal = counter('hearth_mqtt_rejections_total', 'MQTT messages, connections and subscriptions refused or dropped, by reason', ['reason']);

export interface Rejection {
  reason: MqttRejectionReason;
  /** What exactly was wrong, for the device's twin and the debug log. */
  detail: string;
  at: Date;
  /** How many (samples, for duplicates) this one record stands for. */
  count: number;
  gatewayId?: string;
  /** The tenant of the gateway that sent it, when the connection was authenticated. */
  tenantId?: string;
  device?: { kind: DeviceKind; deviceId: string };
}

export interface DeviceRejectionSummary {
  reason: MqttRejectionReason;
  count: number;
  lastAt: Date;
  lastDetail: string;
}

/**
 * Counts rejections by reason (here and in `hearth_mqtt_rejections_total{reason}`) and keeps
 * the recent ones per device so the twin can show why a device's data is not arriving. Devices are
 * kept per tenant of the gateway that sent the data (device ids are a namespace per tenant: two
 * tenants' `meter/m-1` are two devices); a rejection before authentication names no device.
 * Bounded: a gateway publishing for random device ids cannot grow it without limit.
 */
export class RejectionLog {
  private readonly counts = new Map<MqttRejectionReason, number>();
  private readonly devices = new Map<string, Map<MqttRejectionReason, DeviceRejectionSummary>>();
  private readonly listeners = new Set<(rejection: Rejection) => void>();

  constructor(private readonly maxDevices = 10_000) {
    // Zero-valued series exist from the start, so rate() and alerts work before the first rejection.
    for (const reason of mqttRejectionReasons) rejectionsTotal.inc({ reason }, 0);
  }

  record(input: Omit<Rejection, 'at' | 'count'> & { at?: Date; count?: number }): void {
    const rejection: Rejection = { ...input, at: input.at ?? new Date(), count: input.count ?? 1 };
    if (rejection.count <= 0) return;
    this.counts.set(rejection.reason, (this.counts.get(rejection.reason) ?? 0) + rejection.count);
    rejectionsTotal.inc({ reason: rejection.reason }, rejection.count);
    if (rejection.device && rejection.tenantId) this.remember(rejection, deviceKey(rejection.tenantId, rejection.device.kind, rejection.device.deviceId));
    for (const listener of this.listeners) {
      try {
        listener(rejection);
      } catch {
        // A listener's failure must not turn a rejection into a broker crash.
      }
    }
  }

  /** Recent rejections of one device of a tenant, one entry per reason, most recent first. */
  forDevice(tenantId: string, kind: DeviceKind, deviceId: string): DeviceRejectionSummary[] {
    const byReason = this.devices.get(deviceKey(tenantId, kind, deviceId));
    return byReason ? [...byReason.values()].map((s) => ({ ...s })).sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime()) : [];
  }

  /** Counts of this broker since it started, every MQTT reason present. */
  totals(): Record<MqttRejectionReason, number> {
    return Object.fromEntries(mqttRejectionReasons.map((r) => [r, this.counts.get(r) ?? 0])) as Record<MqttRejectionReason, number>;
  }

  /** Called for every rejection (e.g. to put it on the device's twin); returns the unsubscribe. */
  onRejection(listener: (rejection: Rejection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remember(rejection: Rejection, key: string): void {
    const byReason = this.devices.get(key) ?? new Map<MqttRejectionReason, DeviceRejectionSummary>();
    // Re-inserting keeps Map order = least recently rejected first, which is what we evict.
    this.devices.delete(key);
    this.devices.set(key, byReason);
    const previous = byReason.get(rejection.reason);
    byReason.set(rejection.reason, {
      reason: rejection.reason,
      count: (previous?.count ?? 0) + rejection.count,
      lastAt: rejection.at,
      lastDetail: rejection.detail,
    });
    if (this.devices.size > this.maxDevices) this.devices.delete(this.devices.keys().next().value!);
  }
}
