import { describe, expect, it } from 'vitest';
import type { FleetDevice, FleetGateway, MqttRejection, OpenCommand } from '$lib/api/types';
import { COMMANDS_PER_DEVICE, groupFleet } from './fleet-groups';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const rejection = (reason: string, deviceId: string | null): MqttRejection => ({
  reason,
  count: 1,
  lastAt: '2026-12-01T07:59:00Z',
  lastDetail: 'detail',
  deviceKind: deviceId ? 'TANK' : null,
  deviceId,
});
const gateway = (id: string, rejections: MqttRejection[] = []): FleetGateway => ({
  id,
  name: id,
  deviceCount: 0,
  twin: { online: true, since: null, lastSeenAt: null, rejections },
});
const device = (id: string, gatewayId: string, kind = 'TANK'): FleetDevice => ({ kind, id, gatewayId, connectivity: null, rejections: [] });
const command = (id: string, deviceId: string, minutesAgo: number, status: OpenCommand['status'] = 'PENDING', expiresInMinutes = 60): OpenCommand => ({
  id,
  deviceKind: 'TANK',
  deviceId,
  status,
  createdAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
  expiresAt: new Date(NOW + expiresInMinutes * 60_000).toISOString(),
  sendCount: 0,
  requestedBy: 'user:1',
  desired: { inletValveOpen: false, highHighSetpointMm: null },
});

describe('groupFleet', () => {
  it('puts each device under its gateway, by kind and id, and keeps gateways without devices', () => {
    const groups = groupFleet([gateway('gw-1'), gateway('gw-2')], [device('t10', 'gw-1'), device('M-1', 'gw-1', 'METER'), device('t9', 'gw-1')], [], [], NOW);
    expect(groups.map((g) => [g.gateway.id, g.devices.map((d) => `${d.kind}:${d.id}`)])).toEqual([
      ['gw-1', ['METER:M-1', 'TANK:t9', 'TANK:t10']],
      ['gw-2', []],
    ]);
  });

  it("lists a device's open commands newest first, leaving out answered and expired ones, at most the limit", () => {
    const many = Array.from({ length: COMMANDS_PER_DEVICE + 5 }, (_, i) => command(`c${i}`, 't1', i + 10));
    const commands = [command('sent', 't1', 1, 'SENT'), command('old-expired', 't1', 2, 'PENDING', -1), command('done', 't1', 3, 'DONE'), ...many];
    const [group] = groupFleet([gateway('gw-1')], [device('t1', 'gw-1'), device('t2', 'gw-1')], commands, [], NOW);
    const [t1, t2] = group!.devices;
    expect(t1!.commands.map((c) => c.id).slice(0, 3)).toEqual(['sent', 'c0', 'c1']);
    expect(t1!.commands).toHaveLength(COMMANDS_PER_DEVICE);
    expect(t2!.commands).toEqual([]);
  });

  it('keeps on the gateway only the refusals that name no device bound to it', () => {
    const rejections = [rejection('MQTT_BAD_JSON', 't1'), rejection('MQTT_UNKNOWN_DEVICE', 'nobody'), rejection('MQTT_BAD_TOPIC', null)];
    const [group] = groupFleet([gateway('gw-1', rejections)], [device('t1', 'gw-1')], [], [], NOW);
    expect(group!.otherRejections.map((r) => r.reason)).toEqual(['MQTT_UNKNOWN_DEVICE', 'MQTT_BAD_TOPIC']);
  });

  it('names tank devices by their tank', () => {
    const tank = { id: 't1', name: 'Bullet 1', twin: { online: true, lastSeenAt: null } };
    const [group] = groupFleet([gateway('gw-1')], [device('t1', 'gw-1'), device('t1', 'gw-1', 'METER')], [], [tank], NOW);
    expect(group!.devices.map((d) => d.tank?.name ?? null)).toEqual([null, 'Bullet 1']);
  });
});
