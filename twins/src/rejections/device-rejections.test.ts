import { describe, expect, it } from 'vitest';
import type { Rejection } from '@hearth/broker';
import { DeviceRejections } from './device-rejections';

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s));
const rejection = (over: Partial<Rejection>): Rejection => ({
  reason: 'MQTT_BAD_JSON',
  detail: 'payload is not JSON',
  at: at(0),
  count: 1,
  tenantId: 'ten-a',
  gatewayId: 'gw-1',
  device: { kind: 'tank', deviceId: 't-1' },
  ...over,
});

describe('DeviceRejections', () => {
  it('counts by reason per device, with the latest detail, most recent first', () => {
    const log = new DeviceRejections();
    log.record(rejection({}));
    log.record(rejection({ at: at(5), detail: 'payload is not JSON: Unexpected end' }));
    log.record(rejection({ reason: 'MQTT_DUPLICATE', count: 3, at: at(3), detail: '3 sample(s) already stored' }));
    expect(log.forDevice('ten-a', 'tank', 't-1')).toEqual([
      { reason: 'MQTT_BAD_JSON', count: 2, lastAt: at(5), lastDetail: 'payload is not JSON: Unexpected end', device: { kind: 'tank', deviceId: 't-1' } },
      { reason: 'MQTT_DUPLICATE', count: 3, lastAt: at(3), lastDetail: '3 sample(s) already stored', device: { kind: 'tank', deviceId: 't-1' } },
    ]);
  });

  it("keeps each tenant's view apart: another tenant's gateway naming my device shows nowhere on mine", () => {
    const log = new DeviceRejections();
    log.record(rejection({ tenantId: 'ten-b', gatewayId: 'gw-b', reason: 'MQTT_NOT_BOUND' }));
    expect(log.forDevice('ten-a', 'tank', 't-1')).toEqual([]);
    expect(log.forDevice('ten-b', 'tank', 't-1')).toHaveLength(1);
    expect(log.forGateway('ten-a', 'gw-b')).toEqual([]);
  });

  it('lists per gateway what it sent that was refused, unknown devices included, and forgets the oldest past its bounds', () => {
    const log = new DeviceRejections(2, 10, 2);
    log.record(rejection({ reason: 'MQTT_UNKNOWN_DEVICE', device: { kind: 'tank', deviceId: 'typo' } }));
    log.record(rejection({ reason: 'MQTT_TOPIC_FORBIDDEN', device: undefined }));
    log.record(rejection({ at: at(9) }));
    expect(log.forGateway('ten-a', 'gw-1').map((r) => r.reason)).toEqual(['MQTT_BAD_JSON', 'MQTT_TOPIC_FORBIDDEN']);
    log.record(rejection({ device: { kind: 'tank', deviceId: 't-2' } }));
    log.record(rejection({ device: { kind: 'tank', deviceId: 't-3' } }));
    expect(log.forDevice('ten-a', 'tank', 'typo')).toEqual([]);
    expect(log.forDevice('ten-a', 'tank', 't-3')).toHaveLength(1);
  });

  it('ignores rejections of connections that never authenticated', () => {
    const log = new DeviceRejections();
    log.record(rejection({ tenantId: undefined, reason: 'MQTT_BAD_CREDENTIALS' }));
    expect(log.forGateway('ten-a', 'gw-1')).toEqual([]);
  });
});
