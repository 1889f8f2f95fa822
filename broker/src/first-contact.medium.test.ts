import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindDevicesOfTenant } from './registry/provisioning';
import { startBrokerFixture, tenantA, type BrokerFixture } from './testing/broker-fixture';

const DEVICES = 5_000;

describe('first contact of a large gateway', () => {
  let f: BrokerFixture;
  const meters = Array.from({ length: DEVICES }, (_, i) => `MTR-${i + 1}`);
  beforeAll(async () => {
    f = await startBrokerFixture();
    await bindDevicesOfTenant(
      f.db,
      tenantA,
      meters.map((id) => ({ kind: 'meter', id, gatewayId: 'gw-1' })),
    );
  });
  afterAll(async () => {
    await f?.close();
  });

  it(`acknowledges the first message of each of ${DEVICES} devices without a registry query per device`, async () => {
    const statements: string[] = [];
    const query = f.db.query.bind(f.db);
    const spy = vi.spyOn(f.db, 'query').mockImplementation((sql, params) => (statements.push(sql), query(sql, params)));
    try {
      const client = await f.connect('gw-1');
      await Promise.all(meters.map((id) => client.publishAsync(`hearth/v1/gw-1/meter/${id}/telemetry`, '{"seq":1,"totalizerM3":12.5}', { qos: 1 })));
    } finally {
      spy.mockRestore();
    }
    expect(new Set(f.sink.stored.map((m) => m.deviceId)).size).toBe(DEVICES);
    expect(f.broker.rejections.totals().MQTT_UNKNOWN_DEVICE ?? 0).toBe(0);
    // The gateway's record and all its bindings: one query each.
    expect(statements.filter((sql) => sql.includes('fleet.device'))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(2);
  });
});
