import { describe, expect, it } from 'vitest';
import { defaultPayloadLimits, parsePayload, type PayloadLimits } from '@hearth/broker';
import { scaleEvents, scaleTelemetry } from './scale-messages';

const limits: PayloadLimits = { ...defaultPayloadLimits, telemetry: { scale: scaleTelemetry }, events: { scale: scaleEvents } };
const parse = (channel: 'telemetry' | 'event', body: unknown) => parsePayload(JSON.stringify(body), { kind: 'scale', channel, receivedAt: new Date(), limits });

describe('the scale’s MQTT contract, as the broker holds it', () => {
  it('takes its weight, tag reads and fills', () => {
    expect(parse('telemetry', { seq: 1, weightKg: 29.4 })).toMatchObject({ ok: true, samples: [{ seq: 1, values: { weightKg: 29.4 } }] });
    expect(parse('event', { type: 'TAG_READ', tag: 'E200-0001' })).toMatchObject({ ok: true });
    expect(parse('event', { seq: 4, type: 'FILL', tag: 'E200-0001', tareKg: 15, grossKg: 29.4, netKg: 14.4, operator: 'op-7' })).toMatchObject({
      ok: true,
      samples: [{ seq: 4, values: { type: 'FILL', netKg: 14.4 } }],
    });
  });

  it.each([
    ['an unknown event', { type: 'NOZZLE_UP' }, 'type'],
    ['a fill without its net weight', { type: 'FILL', tag: 'E200-0001', tareKg: 15, grossKg: 29.4 }, 'netKg'],
    ['a tag read with a number for a tag', { type: 'TAG_READ', tag: 12345 }, 'tag'],
    ['a field the contract does not have', { type: 'TAG_READ', tag: 'E200-0001', rssi: -40 }, 'rssi'],
    ['a negative fill', { type: 'FILL', tag: 'E200-0001', tareKg: 15, grossKg: 14, netKg: -1 }, 'netKg'],
  ])('refuses %s as MQTT_SCHEMA_VIOLATION, saying which field', (_what, body, field) => {
    const result = parse('event', body);
    expect(result).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(result.ok ? '' : result.detail).toContain(field);
  });

  it('refuses a weight out of range and any other metric', () => {
    expect(parse('telemetry', { weightKg: 1e7 })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('telemetry', { weightKg: 3, temperatureC: 20 })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });
});
