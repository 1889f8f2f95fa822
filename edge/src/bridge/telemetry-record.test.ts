import { describe, expect, it } from 'vitest';
import { contractValues, decodeRecord, encodeRecord, recordTopic } from './telemetry-record';

describe('telemetry records', () => {
  it('leaves out values the contract would refuse, keeping the rest of the sample', () => {
    expect(contractValues({ levelMm: -3, temperatureC: 14.5, pressureKPa: NaN, waterLevelMm: 0 })).toEqual({
      accepted: { temperatureC: 14.5, waterLevelMm: 0 },
      rejected: ['levelMm', 'pressureKPa'],
    });
    expect(contractValues({ temperatureC: -273.16, pressureKPa: -101.325 })).toEqual({ accepted: { pressureKPa: -101.325 }, rejected: ['temperatureC'] });
    // Above the physical range too (a register read as the wrong type gives 1e308-like values).
    expect(contractValues({ levelMm: 1e308, temperatureC: 20 })).toEqual({ accepted: { temperatureC: 20 }, rejected: ['levelMm'] });
  });

  it('replays the exact payload it journaled, on the contract topic', () => {
    const record = { kind: 'tank' as const, deviceId: 'tank-1', payload: '{"ts":"2026-11-21T08:00:00.000Z","seq":17,"levelMm":1834.2}' };
    const again = decodeRecord(encodeRecord(record));
    expect(again).toEqual(record);
    expect(recordTopic('depot-gw-1', again)).toBe('hearth/v1/depot-gw-1/tank/tank-1/telemetry');
  });
});

describe('pump records', () => {
  it('go to the event and command/ack topics their channel names', () => {
    const event = decodeRecord(encodeRecord({ kind: 'pump', deviceId: 'pump-1', channel: 'event', payload: '{"type":"AUTH_REQUEST"}' }));
    expect(recordTopic('station-gw', event)).toBe('hearth/v1/station-gw/pump/pump-1/event');
    expect(recordTopic('station-gw', { kind: 'pump', deviceId: 'pump-1', channel: 'command/ack', payload: '{}' })).toBe(
      'hearth/v1/station-gw/pump/pump-1/command/ack',
    );
  });
});
