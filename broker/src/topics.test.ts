import { describe, expect, it } from 'vitest';
import { claimedGatewayId, commandTopic, deviceTopic, mayGatewaySubscribe, parseTopic, statusTopic, topicMatches } from './topics';

describe('parseTopic', () => {
  it('reads the three upstream channels of a device', () => {
    expect(parseTopic('hearth/v1/gw-1/tank/tank-1/telemetry')).toEqual({
      type: 'device',
      gatewayId: 'gw-1',
      kind: 'tank',
      deviceId: 'tank-1',
      channel: 'telemetry',
    });
    expect(parseTopic('hearth/v1/gw-1/pump/p-7/event')).toMatchObject({ type: 'device', kind: 'pump', channel: 'event' });
    expect(parseTopic('hearth/v1/gw-1/meter/m.1/command/ack')).toMatchObject({ type: 'device', kind: 'meter', deviceId: 'm.1', channel: 'command/ack' });
  });

  it('reads the downlink command topic and the gateway status topic', () => {
    expect(parseTopic('hearth/v1/gw-1/cylinder/c-1/command')).toEqual({ type: 'command', gatewayId: 'gw-1', kind: 'cylinder', deviceId: 'c-1' });
    expect(parseTopic('hearth/v1/gw-1/status')).toEqual({ type: 'status', gatewayId: 'gw-1' });
  });

  it.each([
    ['another root', 'other/v1/gw-1/tank/t-1/telemetry'],
    ['another version', 'hearth/v2/gw-1/tank/t-1/telemetry'],
    ['an unknown kind', 'hearth/v1/gw-1/boiler/t-1/telemetry'],
    ['an unknown channel', 'hearth/v1/gw-1/tank/t-1/metrics'],
    ['a trailing level', 'hearth/v1/gw-1/tank/t-1/telemetry/extra'],
    ['a trailing slash', 'hearth/v1/gw-1/tank/t-1/telemetry/'],
    ['a missing device', 'hearth/v1/gw-1/tank/telemetry'],
    ['an empty device level', 'hearth/v1/gw-1/tank//telemetry'],
    ['an upper-case gateway id', 'hearth/v1/GW-1/tank/t-1/telemetry'],
    ['a too short gateway id', 'hearth/v1/g1/tank/t-1/telemetry'],
    ['a device id with a space', 'hearth/v1/gw-1/tank/t 1/telemetry'],
    ['command/ack with more', 'hearth/v1/gw-1/tank/t-1/command/ack/x'],
    ['status with more', 'hearth/v1/gw-1/status/x'],
    ['the case of a level changed', 'Hearth/v1/gw-1/tank/t-1/telemetry'],
    ['an empty topic', ''],
  ])('refuses %s', (_, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  it('formats what it parses', () => {
    for (const topic of [deviceTopic('gw-1', 'tank', 't-1', 'command/ack'), commandTopic('gw-1', 'pump', 'p-1'), statusTopic('gw-1')]) {
      expect(parseTopic(topic)).not.toBeNull();
    }
    expect(deviceTopic('gw-1', 'tank', 't-1', 'telemetry')).toBe('hearth/v1/gw-1/tank/t-1/telemetry');
  });

  it('names the gateway a hearth topic speaks for, even when malformed', () => {
    expect(claimedGatewayId('hearth/v1/gw-2/whatever')).toBe('gw-2');
    expect(claimedGatewayId('other/v1/gw-2/x')).toBeUndefined();
  });
});

describe('mayGatewaySubscribe', () => {
  it.each([
    'hearth/v1/gw-1/#',
    'hearth/v1/gw-1/+/+/command',
    'hearth/v1/gw-1/tank/tank-1/command',
    'hearth/v1/gw-1/tank/+/command',
    'hearth/v1/gw-1/tank/#',
    'hearth/v1/gw-1/+/tank-1/#',
    'hearth/v1/gw-1/+/+/+',
    'hearth/v1/gw-1/+/+/command/#',
  ])('lets gw-1 subscribe to %s', (filter) => {
    expect(mayGatewaySubscribe(filter, 'gw-1')).toBe(true);
  });

  it.each([
    ['another gateway', 'hearth/v1/gw-2/#'],
    ['a wildcard gateway', 'hearth/v1/+/tank/tank-1/command'],
    ['everything', '#'],
    ['the whole tree', 'hearth/#'],
    ['the gateway root only', 'hearth/v1/gw-1'],
    ['its status', 'hearth/v1/gw-1/status'],
    ['telemetry', 'hearth/v1/gw-1/tank/tank-1/telemetry'],
    ['command acks', 'hearth/v1/gw-1/tank/tank-1/command/ack'],
    ['acks by wildcard', 'hearth/v1/gw-1/+/+/+/+'],
    ['an unknown kind', 'hearth/v1/gw-1/boiler/+/command'],
    ['a bad device id', 'hearth/v1/gw-1/tank/a b/command'],
    ['one level only', 'hearth/v1/gw-1/+'],
    ['system topics', '$SYS/#'],
    ['a shared subscription', '$share/g/hearth/v1/gw-1/#'],
  ])('refuses gw-1 %s', (_, filter) => {
    expect(mayGatewaySubscribe(filter, 'gw-1')).toBe(false);
  });
});

describe('topicMatches', () => {
  it.each([
    ['hearth/v1/gw-1/tank/t-1/command', true],
    ['hearth/v1/gw-1/+/+/command', true],
    ['hearth/v1/gw-1/#', true],
    ['hearth/v1/gw-1/tank/#', true],
    ['hearth/v1/gw-1/tank/t-1/command/#', true],
    ['hearth/v1/gw-1/pump/+/command', false],
    ['hearth/v1/gw-1/+/+', false],
    ['hearth/v1/gw-1/+/+/command/ack', false],
  ])('%s on a tank command topic: %s', (filter, matches) => {
    expect(topicMatches(filter, 'hearth/v1/gw-1/tank/t-1/command')).toBe(matches);
  });
});
