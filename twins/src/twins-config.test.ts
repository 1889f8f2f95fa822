import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@hearth/platform';
import { twinsEnv, twinsSettings } from './twins-config';

describe('twins configuration', () => {
  it('reads stale timeouts per kind, keeping the defaults of kinds left out', () => {
    const settings = twinsSettings(loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'tank=120, meter=7200', GATEWAY_OFFLINE_ALARM_AFTER_SECONDS: '0' }));
    expect(settings.connectivity).toEqual({
      gatewayOfflineAlarmAfterMs: 0,
      staleAfterMs: { tank: 120_000, meter: 7_200_000, cylinder: 3_600_000, pump: 600_000 },
    });
    expect(settings.checkIntervalMs).toBe(5000);
    expect(settings.payloadLimits).toEqual({ maxClockSkewMs: 300_000 });
    expect(twinsSettings(loadConfig(twinsEnv, { MQTT_MAX_CLOCK_SKEW_SECONDS: '30' })).payloadLimits).toEqual({ maxClockSkewMs: 30_000 });
  });

  it('names a bad pair', () => {
    expect(() => loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'valve=10' })).toThrow(ConfigError);
    expect(() => loadConfig(twinsEnv, { DEVICE_STALE_AFTER_SECONDS: 'tank=soon' })).toThrow(/tank=soon/);
  });
});
