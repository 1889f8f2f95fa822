import { describe, expect, it } from 'vitest';
import { commandTopic, receivedCommand, type CommandRoute } from './command-subscription';

const route: CommandRoute = { devices: [{ kind: 'pump', deviceId: 'pump-7' }], onCommand: () => undefined };

describe('commands down to the bridge', () => {
  it('names the command topic of a device as DESIGN §3 has it', () => {
    expect(commandTopic('station-gw', 'pump', 'pump-7')).toBe('hearth/v1/station-gw/pump/pump-7/command');
  });

  it('hands over the JSON of a command to one of its devices', () => {
    const payload = Buffer.from('{"id":"c-1","action":"REFUSE","limitMinor":0,"reason":"card blocked"}');
    expect(receivedCommand(route, 'station-gw', 'hearth/v1/station-gw/pump/pump-7/command', payload)).toEqual({
      ok: true,
      command: { kind: 'pump', deviceId: 'pump-7', payload: { id: 'c-1', action: 'REFUSE', limitMinor: 0, reason: 'card blocked' } },
    });
  });

  it('refuses a topic of another device or gateway, and a payload that is not JSON', () => {
    expect(receivedCommand(route, 'station-gw', 'hearth/v1/station-gw/pump/pump-8/command', Buffer.from('{}'))).toMatchObject({ ok: false });
    expect(receivedCommand(route, 'station-gw', 'hearth/v1/other-gw/pump/pump-7/command', Buffer.from('{}'))).toMatchObject({ ok: false });
    expect(receivedCommand(route, 'station-gw', 'hearth/v1/station-gw/pump/pump-7/command', Buffer.from('{"id":'))).toEqual({
      ok: false,
      reason: 'the payload is not JSON',
    });
  });
});
