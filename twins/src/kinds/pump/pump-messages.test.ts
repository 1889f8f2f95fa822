import { describe, expect, it } from 'vitest';
import { defaultPayloadLimits, parsePayload, type PayloadLimits } from '@hearth/broker';
import { pumpEvents, pumpTelemetry } from './pump-messages';

const limits: PayloadLimits = { ...defaultPayloadLimits, telemetry: { pump: pumpTelemetry }, events: { pump: pumpEvents } };
const parse = (channel: 'telemetry' | 'event', body: unknown) => parsePayload(JSON.stringify(body), { kind: 'pump', channel, receivedAt: new Date(), limits });
const transaction = {
  type: 'TRANSACTION',
  counter: 1042,
  cardNumber: '6222000011112222',
  nozzle: 2,
  grade: '92#',
  volumeMl: 40_000,
  unitPriceMinor: 750,
  amountMinor: 30_000,
  totalizerStartMl: 1_000_000,
  totalizerEndMl: 1_040_000,
  startedAt: '2026-11-21T08:00:00Z',
  endedAt: '2026-11-21T08:03:10+08:00',
};

describe('the pump’s MQTT contract, as the broker holds it', () => {
  it('takes its IFSF state (a string enum) with the sale in progress, card reads and sales', () => {
    expect(parse('telemetry', { seq: 3, state: 'FUELLING', nozzle: 2, volumeMl: 12_500, amountMinor: 9_375 })).toMatchObject({
      ok: true,
      samples: [{ seq: 3, values: { state: 'FUELLING', nozzle: 2, volumeMl: 12_500 } }],
    });
    expect(parse('telemetry', { state: 'IDLE' })).toMatchObject({ ok: true });
    expect(parse('event', { type: 'AUTH_REQUEST', cardNumber: '62220000', nozzle: 1, presetMinor: 20_000, plate: '浙A12345' })).toMatchObject({ ok: true });
    expect(parse('event', [transaction, { ...transaction, counter: 1041, cardNumber: undefined }])).toMatchObject({ ok: true });
  });

  it.each([
    ['a state IFSF does not have', 'telemetry', { state: 'PUMPING' }, 'state'],
    ['a fractional volume', 'telemetry', { state: 'FUELLING', volumeMl: 12.5 }, 'volumeMl'],
    ['a nozzle 9', 'telemetry', { state: 'CALLING', nozzle: 9 }, 'nozzle'],
    ['a metric the contract does not have', 'telemetry', { state: 'IDLE', flowLpm: 40 }, 'flowLpm'],
    ['an unknown event', 'event', { type: 'NOZZLE_UP', nozzle: 1 }, 'type'],
    ['a card number with letters', 'event', { type: 'AUTH_REQUEST', cardNumber: '6222ABCD1111', nozzle: 1 }, 'cardNumber'],
    ['a preset of nothing', 'event', { type: 'AUTH_REQUEST', cardNumber: '62220000', nozzle: 1, presetMinor: 0 }, 'presetMinor'],
    ['a plate too long', 'event', { type: 'AUTH_REQUEST', cardNumber: '62220000', nozzle: 1, plate: 'X'.repeat(17) }, 'plate'],
    ['money as a float', 'event', { ...transaction, amountMinor: 300.5 }, 'amountMinor'],
    ['a sale without its totaliser', 'event', { ...transaction, totalizerEndMl: undefined }, 'totalizerEndMl'],
    ['an end time that is not ISO-8601', 'event', { ...transaction, endedAt: '21/11/2026 08:03' }, 'endedAt'],
  ] as const)('refuses %s as MQTT_SCHEMA_VIOLATION, saying which field', (_what, channel, body, field) => {
    const result = parse(channel, body);
    expect(result).toMatchObject({ ok: false, reason: 'MQTT_SCHEMA_VIOLATION' });
    expect(result.ok ? '' : result.detail).toContain(field);
  });
});
