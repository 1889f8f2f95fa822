import { z } from 'zod';
import { defaultConnectionLimits, defaultPayloadLimits, deviceKinds, type BrokerLimits, type DeviceKind } from '@hearth/broker';
import { env, subgraphPort } from '@hearth/platform';
import { parseMetricBounds, type MetricBounds } from '@hearth/platform/domain';
import type { CommandSettings } from './commands/desired-state.service';
import { defaultConnectivity, type ConnectivitySettings } from './connectivity/connectivity-monitor';

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** `tank=300,meter=3600`: seconds per device kind; kinds left out keep their default. */
const staleAfter = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const result: Partial<Record<DeviceKind, number>> = {};
    for (const pair of text.split(',').filter((p) => p.trim())) {
      const [kind, value] = pair.split('=').map((s) => s.trim());
      if (!kind || !(deviceKinds as readonly string[]).includes(kind) || !/^\d+$/.test(value ?? '')) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not kind=seconds with kind one of ${deviceKinds.join(', ')}` });
        return z.NEVER;
      }
      result[kind as DeviceKind] = Number(value) * 1000;
    }
    return result;
  });

/** The twins service's own variables (also read by `npm start` for its embedded twins). */
export const twinsEnv = z.object({
  FLEET_PORT: env.port(subgraphPort('fleet')),
  TWINS_CHECK_INTERVAL_SECONDS: env.positiveInt(5),
  GATEWAY_OFFLINE_ALARM_AFTER_SECONDS: seconds(defaultConnectivity.gatewayOfflineAlarmAfterMs / 1000),
  DEVICE_STALE_AFTER_SECONDS: staleAfter,
  COMMAND_EXPIRY_SECONDS: env.positiveInt(3600),
  COMMAND_MAX_EXPIRY_SECONDS: env.positiveInt(7 * 24 * 3600),
  /** How far a device clock may run ahead before its `ts` is replaced by the receive time (docs/adr/0008-device-time.md). */
  MQTT_MAX_CLOCK_SKEW_SECONDS: seconds(defaultPayloadLimits.maxClockSkewMs / 1000),
  /** `tank.levelMm=0:60000,…`: physical ranges replacing the defaults of the metrics named (platform/src/domain/metric-bounds.ts). */
  MQTT_METRIC_BOUNDS: z
    .string()
    .default('')
    .transform((text, ctx): MetricBounds => {
      try {
        return parseMetricBounds(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** New MQTT connections per source address and minute (a depot's gateways behind one NAT share one address). */
  MQTT_CONNECTIONS_PER_ADDRESS_PER_MINUTE: env.positiveInt(defaultConnectionLimits.connectionsPerAddress.burst),
  /** Failed CONNECT authentications per source address and minute; beyond them CONNECTs are refused unchecked. */
  MQTT_FAILED_CONNECTS_PER_ADDRESS_PER_MINUTE: env.positiveInt(defaultConnectionLimits.failedConnectsPerAddress.burst),
  /** Subscriptions one MQTT connection may hold. */
  MQTT_MAX_SUBSCRIPTIONS_PER_CONNECTION: env.positiveInt(defaultConnectionLimits.maxSubscriptionsPerConnection),
  /** QoS 1 publishes one connection may have waiting for storage before its socket is read no further. */
  MQTT_MAX_UNACKED_PUBLISHES: env.positiveInt(defaultConnectionLimits.maxUnackedPublishes),
  /** Their payload bytes together, likewise. */
  MQTT_MAX_UNACKED_BYTES: env.positiveInt(defaultConnectionLimits.maxUnackedBytes),
});

export function twinsSettings(config: z.infer<typeof twinsEnv>): {
  connectivity: ConnectivitySettings;
  commands: CommandSettings;
  checkIntervalMs: number;
  mqttLimits: BrokerLimits;
} {
  return {
    connectivity: {
      gatewayOfflineAlarmAfterMs: config.GATEWAY_OFFLINE_ALARM_AFTER_SECONDS * 1000,
      staleAfterMs: { ...defaultConnectivity.staleAfterMs, ...config.DEVICE_STALE_AFTER_SECONDS },
    },
    commands: { defaultExpirySeconds: config.COMMAND_EXPIRY_SECONDS, maxExpirySeconds: config.COMMAND_MAX_EXPIRY_SECONDS },
    checkIntervalMs: config.TWINS_CHECK_INTERVAL_SECONDS * 1000,
    mqttLimits: {
      maxClockSkewMs: config.MQTT_MAX_CLOCK_SKEW_SECONDS * 1000,
      metricBounds: config.MQTT_METRIC_BOUNDS,
      connectionsPerAddress: { burst: config.MQTT_CONNECTIONS_PER_ADDRESS_PER_MINUTE, perMs: 60_000 },
      failedConnectsPerAddress: { burst: config.MQTT_FAILED_CONNECTS_PER_ADDRESS_PER_MINUTE, perMs: 60_000 },
      maxSubscriptionsPerConnection: config.MQTT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxUnackedPublishes: config.MQTT_MAX_UNACKED_PUBLISHES,
      maxUnackedBytes: config.MQTT_MAX_UNACKED_BYTES,
    },
  };
}
