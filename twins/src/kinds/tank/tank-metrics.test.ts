import { describe, expect, it } from 'vitest';
import { defaultPayloadLimits, parsePayload } from '@hearth/broker';
import { tankTelemetry } from './tank-metrics';

const parse = (payload: string) =>
  parsePayload(payload, {
    kind: 'tank',
    channel: 'telemetry',
    receivedAt: new Date(),
    limits: { ...defaultPayloadLimits, telemetry: { tank: tankTelemetry } },
  });

describe('tank telemetry', () => {
  it('takes the tank metrics, the valve position and the high-high trip point as reported state', () => {
    expect(parse('{"levelMm":1834.5,"temperatureC":14.2,"pressureKPa":620,"waterLevelMm":3}').ok).toBe(true);
    expect(parse('{"inletValveOpen":false,"highHighSetpointMm":2350}').ok).toBe(true);
  });

  it.each([
    ['a metric tanks do not report', '{"levelMm":1,"fuelLiters":3}'],
    ['a valve position that is not a boolean', '{"inletValveOpen":"closed"}'],
    ['a level beyond any tank', '{"levelMm":1e308}'],
  ])('refuses %s as MQTT_SCHEMA_VIOLATION', (_, payload) => {
    expect(parse(payload)).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });
});
