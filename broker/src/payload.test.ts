import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseMetricBounds } from '@hearth/platform/domain';
import { rangedMetrics, type TelemetrySchema } from './metric-schemas';
import { defaultPayloadLimits, parsePayload, type PayloadContext } from './payload';

const receivedAt = new Date('2026-11-21T08:00:05Z');
/** A kind's schema as a twin kind hands it over: here, exactly its ranged metrics. */
const exactlyRanged: TelemetrySchema = (ranges) => z.strictObject(rangedMetrics(ranges));
const limits = { ...defaultPayloadLimits, telemetry: { tank: exactlyRanged } };
const tank: PayloadContext = { kind: 'tank', channel: 'telemetry', receivedAt, limits };
const parse = (payload: string | Uint8Array, ctx: Partial<PayloadContext> = {}) => parsePayload(payload, { ...tank, ...ctx });
const rejection = (payload: string | Uint8Array, ctx: Partial<PayloadContext> = {}) => {
  const r = parse(payload, ctx);
  if (r.ok) throw new Error('expected a rejection');
  return r;
};

describe('parsePayload', () => {
  it('reads one sample with ts, seq and the tank metrics', () => {
    const r = parse(Buffer.from('{"ts":"2026-11-21T08:00:00Z","seq":17,"levelMm":1834.2,"temperatureC":14.5,"pressureKPa":612}'));
    expect(r).toEqual({
      ok: true,
      samples: [{ ts: new Date('2026-11-21T08:00:00Z'), tsGiven: true, seq: 17, values: { levelMm: 1834.2, temperatureC: 14.5, pressureKPa: 612 } }],
      corrections: [],
    });
  });

  it('holds every number to its physical range, per kind, as configured', () => {
    expect(parse('{"type":"x","extra":1e13}', { kind: 'meter', channel: 'event' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('{"vendorMetric":1e13}', { kind: 'meter' })).toMatchObject({ ok: false, detail: expect.stringContaining('vendorMetric') });
    expect(parse('{"vendorMetric":1e11,"flowM3h":-3}', { kind: 'meter' }).ok).toBe(true);
    const site = { ...defaultPayloadLimits, metricBounds: parseMetricBounds('tank.levelMm=0:60000') };
    expect(parse('{"levelMm":60001}', { limits: site })).toMatchObject({ ok: false, detail: expect.stringContaining('levelMm') });
    expect(parse('{"levelMm":60000}', { limits: site }).ok).toBe(true);
  });

  it('reads the boot number beside seq', () => {
    const r = parse('{"seq":1,"boot":4,"levelMm":1}');
    expect(r.ok && r.samples[0]).toMatchObject({ seq: 1, boot: 4 });
  });

  it('keeps a reading whose clock runs ahead past the limit, at its receive time, and says so (MQTT_CLOCK_AHEAD)', () => {
    const r = parse('[{"ts":"2026-11-21T08:59:05Z","levelMm":1},{"ts":"2026-11-21T08:04:05Z","levelMm":2}]');
    if (!r.ok) throw new Error(r.detail);
    // 59 minutes ahead: beyond the 5-minute default, taken as received; 4 minutes ahead: within it, kept as sent.
    expect(r.samples.map((s) => [s.ts.toISOString(), s.tsGiven])).toEqual([
      ['2026-11-21T08:00:05.000Z', false],
      ['2026-11-21T08:04:05.000Z', true],
    ]);
    expect(r.corrections).toEqual([{ reason: 'MQTT_CLOCK_AHEAD', detail: expect.stringContaining('1 sample(s) with ts up to 3540 s ahead') }]);
    expect(parse('{"ts":"2026-11-21T08:59:05Z","levelMm":1}', { limits: { ...defaultPayloadLimits, maxClockSkewMs: 3_600_000 } })).toMatchObject({
      corrections: [],
    });
  });

  it('reads a batch, epoch-millisecond and offset times', () => {
    const r = parse('[{"ts":1795248000000,"levelMm":1},{"ts":"2026-11-21T16:00:00.250+08:00","waterLevelMm":2}]');
    expect(r.ok && r.samples.map((s) => s.ts.toISOString())).toEqual(['2026-11-21T08:00:00.000Z', '2026-11-21T08:00:00.250Z']);
  });

  it('uses the receive time when ts is missing, and says so', () => {
    const r = parse('{"levelMm":1}');
    expect(r.ok && r.samples[0]).toMatchObject({ ts: receivedAt, tsGiven: false });
    expect(r.ok && 'seq' in r.samples[0]!).toBe(false);
  });

  it.each([
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['not JSON', '{levelMm: 1}'],
    ['a number', '42'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['an array of numbers', '[1,2]'],
    ['an array with a nested array', '[{"levelMm":1},[]]'],
    ['empty', ''],
  ])('refuses a payload that is %s as MQTT_BAD_JSON', (_, payload) => {
    expect(rejection(payload).reason).toBe('MQTT_BAD_JSON');
  });

  it.each([
    ['a metric the kind’s schema does not list', '{"levelMm":1,"fuelLiters":3}', 'unknown field(s) fuelLiters'],
    ['a string where a number belongs', '{"levelMm":"1834"}', 'levelMm'],
    ['a negative level', '{"levelMm":-5}', 'levelMm'],
    ['a temperature below absolute zero', '{"temperatureC":-300}', 'temperatureC'],
    ['Infinity (1e999)', '{"levelMm":1e999}', 'levelMm'],
    ['a level beyond any tank (1e308, which broke the aggregates)', '{"levelMm":1e308}', 'levelMm'],
    ['a pressure beyond 100 MPa', '{"pressureKPa":100001}', 'pressureKPa'],
    ['a nested object', '{"levelMm":{"value":1}}', 'levelMm'],
    ['null', '{"levelMm":null}', 'levelMm'],
    ['no metric at all', '{"ts":"2026-11-21T08:00:00Z"}', 'no metric'],
    ['an empty batch', '[]', 'empty'],
    ['a negative seq', '{"seq":-1,"levelMm":1}', 'seq'],
    ['a fractional seq', '{"seq":1.5,"levelMm":1}', 'seq'],
    ['a string seq', '{"seq":"17","levelMm":1}', 'seq'],
    ['a local time without zone', '{"ts":"2026-11-21T08:00:00","levelMm":1}', 'ts'],
    ['a date only', '{"ts":"2026-11-21","levelMm":1}', 'ts'],
    ['a date that does not exist', '{"ts":"2026-02-30T08:00:00Z","levelMm":1}', 'calendar'],
    ['epoch seconds', '{"ts":1795248000,"levelMm":1}', 'seconds'],
    ['a time after the year 9999', '{"ts":1e17,"levelMm":1}', '9999'],
    ['a negative boot', '{"seq":1,"boot":-1,"levelMm":1}', 'boot'],
    ['a __proto__ field', '{"__proto__":1,"levelMm":1}', 'identifier'],
  ])('refuses %s as MQTT_SCHEMA_VIOLATION', (_, payload, mentions) => {
    const r = rejection(payload);
    expect(r.reason).toBe('MQTT_SCHEMA_VIOLATION');
    expect(r.detail).toContain(mentions);
  });

  it('names the batch element at fault', () => {
    expect(rejection('[{"levelMm":1},{"levelMm":"x"}]').detail).toMatch(/^\[1\] levelMm/);
  });

  it('refuses payloads over the byte limit and batches over the sample limit as MQTT_PAYLOAD_TOO_LARGE', () => {
    const limits = { ...defaultPayloadLimits, maxPayloadBytes: 100, maxSamplesPerMessage: 2 };
    expect(rejection(`{"levelMm":1,"pad":"${'x'.repeat(100)}"}`, { limits }).reason).toBe('MQTT_PAYLOAD_TOO_LARGE');
    expect(rejection('[{"levelMm":1},{"levelMm":2},{"levelMm":3}]', { limits })).toMatchObject({
      reason: 'MQTT_PAYLOAD_TOO_LARGE',
      detail: expect.stringContaining('3 samples'),
    });
    expect(parse('[{"levelMm":1},{"levelMm":2}]', { limits }).ok).toBe(true);
  });

  it('accepts typed and extra scalar metrics for the kinds without a twin yet, but no nesting', () => {
    expect(parse('{"nozzleUp":true,"flowLpm":31.5,"grade":"LPG"}', { kind: 'pump' }).ok).toBe(true);
    expect(parse('{"grossKg":"heavy"}', { kind: 'cylinder' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('{"totalizerM3":10,"extra":[1]}', { kind: 'meter' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });

  it('wants a type on events, and an id and a status on command acks', () => {
    expect(parse('{"type":"rfidScan","tag":"E2003412"}', { channel: 'event' }).ok).toBe(true);
    expect(parse('{"tag":"E2003412"}', { channel: 'event' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('{"id":"c-1","status":"accepted"}', { channel: 'command/ack' }).ok).toBe(true);
    expect(parse('{"id":"c-1","status":"rejected","reason":"valve interlocked","code":7}', { channel: 'command/ack' }).ok).toBe(true);
    expect(parse('{"id":"c-1","status":"maybe"}', { channel: 'command/ack' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(parse('{"status":"done"}', { channel: 'command/ack' })).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });

  it('holds a kind that handed over no schema to its ranged metrics and lets further scalars pass', () => {
    const provisional = { limits: defaultPayloadLimits };
    expect(parse('{"levelMm":1,"note":"dip check"}', provisional).ok).toBe(true);
    expect(parse('{"levelMm":-5}', provisional)).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
  });
});
