import { metricsRegistry } from '@hearth/platform';
import { describe, expect, it } from 'vitest';
import { RejectionLog, type Rejection } from './rejection-log';

const metricValue = async (reason: string) =>
  (await metricsRegistry.getSingleMetric('hearth_mqtt_rejections_total')!.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;

describe('RejectionLog', () => {
  it('counts by reason, here and in hearth_mqtt_rejections_total', async () => {
    const log = new RejectionLog();
    const before = await metricValue('MQTT_BAD_JSON');
    log.record({ reason: 'MQTT_BAD_JSON', detail: 'x' });
    log.record({ reason: 'MQTT_DUPLICATE', detail: 'y', count: 3 });
    expect(log.totals()).toMatchObject({ MQTT_BAD_JSON: 1, MQTT_DUPLICATE: 3, MQTT_UNKNOWN_DEVICE: 0 });
    expect(await metricValue('MQTT_BAD_JSON')).toBe(before + 1);
  });

  it('keeps, per device, the count, the last time and the last detail of each reason, newest first', () => {
    const log = new RejectionLog();
    const device = { kind: 'tank' as const, deviceId: 'tank-1' };
    log.record({ reason: 'MQTT_SCHEMA_VIOLATION', detail: 'first', tenantId: 'ten-a', device, at: new Date(1000) });
    log.record({ reason: 'MQTT_BAD_JSON', detail: 'json', tenantId: 'ten-a', device, at: new Date(2000) });
    log.record({ reason: 'MQTT_SCHEMA_VIOLATION', detail: 'second', tenantId: 'ten-a', device, at: new Date(3000) });
    log.record({ reason: 'MQTT_BAD_JSON', detail: 'elsewhere', tenantId: 'ten-a', device: { kind: 'tank', deviceId: 'tank-2' } });
    expect(log.forDevice('ten-a', 'tank', 'tank-1')).toEqual([
      { reason: 'MQTT_SCHEMA_VIOLATION', count: 2, lastAt: new Date(3000), lastDetail: 'second' },
      { reason: 'MQTT_BAD_JSON', count: 1, lastAt: new Date(2000), lastDetail: 'json' },
    ]);
    expect(log.forDevice('ten-a', 'pump', 'tank-1')).toEqual([]);
  });

  it("keeps two tenants' devices with the same kind and id apart: they are two devices", () => {
    const log = new RejectionLog();
    const device = { kind: 'meter' as const, deviceId: 'm-1' };
    log.record({ reason: 'MQTT_BAD_JSON', detail: 'of a', tenantId: 'ten-a', gatewayId: 'gw-a', device });
    log.record({ reason: 'MQTT_SCHEMA_VIOLATION', detail: 'of b', tenantId: 'ten-b', gatewayId: 'gw-b', device });
    expect(log.forDevice('ten-a', 'meter', 'm-1')).toEqual([expect.objectContaining({ reason: 'MQTT_BAD_JSON', count: 1, lastDetail: 'of a' })]);
    expect(log.forDevice('ten-b', 'meter', 'm-1')).toEqual([expect.objectContaining({ reason: 'MQTT_SCHEMA_VIOLATION', count: 1, lastDetail: 'of b' })]);
  });

  it('forgets the least recently rejected device beyond its bound', () => {
    const log = new RejectionLog(2);
    for (const id of ['a', 'b', 'a', 'c']) log.record({ reason: 'MQTT_UNKNOWN_DEVICE', detail: '', tenantId: 'ten-a', device: { kind: 'tank', deviceId: id } });
    expect(log.forDevice('ten-a', 'tank', 'b')).toEqual([]);
    expect(log.forDevice('ten-a', 'tank', 'a')).toHaveLength(1);
    expect(log.forDevice('ten-a', 'tank', 'c')).toHaveLength(1);
  });

  it('tells listeners, and a failing listener does not break recording', () => {
    const log = new RejectionLog();
    const seen: Rejection[] = [];
    log.onRejection(() => {
      throw new Error('listener bug');
    });
    const stop = log.onRejection((r) => seen.push(r));
    log.record({ reason: 'MQTT_NOT_BOUND', detail: 'd', gatewayId: 'gw-1' });
    stop();
    log.record({ reason: 'MQTT_NOT_BOUND', detail: 'd' });
    expect(seen).toEqual([expect.objectContaining({ reason: 'MQTT_NOT_BOUND', gatewayId: 'gw-1', count: 1 })]);
    expect(log.totals().MQTT_NOT_BOUND).toBe(2);
  });
});
