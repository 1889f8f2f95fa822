import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@hearth/platform';
import { defaultMetricBounds } from '@hearth/platform/domain';
import { twinsEnv, twinsSettings } from './twins-config';

describe('twins configuration', () => {
  it('reads stale timeouts per kind, keeping the defaults of kinds left out', () => {
    const settings = twinsSettings(loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'tank=120, meter=7200', GATEWAY_OFFLINE_ALARM_AFTER_SECONDS: '0' }));
    expect(settings.connectivity).toEqual({
      gatewayOfflineAlarmAfterMs: 0,
      staleAfterMs: { tank: 120_000, meter: 7_200_000, cylinder: 3_600_000, pump: 600_000, detector: 600_000, valve: 600_000, scale: 3_600_000 },
    });
    expect(settings.checkIntervalMs).toBe(5000);
    expect(settings.mqttLimits).toEqual({
      maxClockSkewMs: 300_000,
      metricBounds: defaultMetricBounds,
      connectionsPerAddress: { burst: 300, perMs: 60_000 },
      failedConnectsPerAddress: { burst: 100, perMs: 60_000 },
      maxSubscriptionsPerConnection: 256,
      maxUnackedPublishes: 1000,
      maxUnackedBytes: 1024 * 1024,
    });
    const tuned = twinsSettings(
      loadConfig(twinsEnv, {
        MQTT_MAX_CLOCK_SKEW_SECONDS: '30',
        MQTT_CONNECTIONS_PER_ADDRESS_PER_MINUTE: '2000',
        MQTT_MAX_SUBSCRIPTIONS_PER_CONNECTION: '16',
        MQTT_MAX_UNACKED_PUBLISHES: '50',
      }),
    ).mqttLimits;
    expect(tuned).toMatchObject({ maxClockSkewMs: 30_000, connectionsPerAddress: { burst: 2000 }, maxSubscriptionsPerConnection: 16, maxUnackedPublishes: 50 });
  });

  it('reads physical ranges per metric, keeping the defaults of the others, and names a bad one', () => {
    const { metricBounds } = twinsSettings(loadConfig(twinsEnv, { MQTT_METRIC_BOUNDS: 'tank.levelMm=0:60000, meter.registerKwh=0:999999.99' })).mqttLimits;
    expect(metricBounds!.tank).toEqual({ ...defaultMetricBounds.tank, levelMm: [0, 60_000] });
    expect(metricBounds!.meter!.registerKwh).toEqual([0, 999999.99]);
    expect(() => loadConfig(twinsEnv, { MQTT_METRIC_BOUNDS: 'tank.depth=0:5' })).toThrow(/tank\.depth/);
    expect(() => loadConfig(twinsEnv, { MQTT_METRIC_BOUNDS: 'tank.levelMm=0:1e308' })).toThrow(/within/);
  });

  it('names a bad pair', () => {
    expect(() => loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'boiler=10' })).toThrow(ConfigError);
    expect(() => loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'tank=soon' })).toThrow(/tank=soon/);
  });
});
