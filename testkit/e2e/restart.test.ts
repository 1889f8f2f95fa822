import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { startTestStack } from '@hearth/testkit/test-stack';

describe('stop and start again', () => {
  it('keeps tanks, twins, alarms and the demo credentials', async () => {
    const first = await startTestStack();
    const tank = first.demo.tanks[4]!;
    const client = await mqtt.connectAsync(first.urls.mqtt, { username: first.demo.gateway.id, password: first.demo.gateway.secret, reconnectPeriod: 0 });
    await client.publishAsync(`hearth/v1/${first.demo.gateway.id}/tank/${tank.id}/telemetry`, JSON.stringify({ seq: 10, levelMm: tank.highHighMm + 40 }), {
      qos: 1,
    });
    await client.endAsync();
    await first.close();

    const second = await startTestStack({ dataDir: first.dataDir });
    try {
      expect(second.demo.gateway).toEqual(first.demo.gateway);
      const { tank: view } = await graphqlData<{ tank: { twin: { levelMm: number; version: number; alarms: { code: string }[] } } }>(
        second.urls.graphql,
        `query($id: ID!) { tank(id: $id) { twin { levelMm version alarms { code } } } }`,
        { id: tank.id },
        second.auth,
      );
      expect(view.twin.levelMm).toBe(tank.highHighMm + 40);
      expect(view.twin.alarms.map((a) => a.code)).toContain('LEVEL_HH');
      // The seeded secret still works against the restarted broker, and seq 10 is remembered.
      const again = await mqtt.connectAsync(second.urls.mqtt, { username: second.demo.gateway.id, password: second.demo.gateway.secret, reconnectPeriod: 0 });
      const topic = `hearth/v1/${second.demo.gateway.id}/tank/${tank.id}/telemetry`;
      await again.publishAsync(topic, JSON.stringify({ seq: 10, levelMm: 5 }), { qos: 1 });
      expect(second.twins.twins.get(tank.id)!.reported.levelMm).toBe(tank.highHighMm + 40);
      // And new data is stored after the restart (the reopened database writes to its hypertable).
      await again.publishAsync(topic, JSON.stringify({ seq: 11, levelMm: 600 }), { qos: 1 });
      await again.endAsync();
      expect(second.twins.twins.get(tank.id)!.reported.levelMm).toBe(600);
      const rows = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1', [tank.id]);
      expect(rows).toEqual([{ n: 2 }]);
    } finally {
      await second.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});
