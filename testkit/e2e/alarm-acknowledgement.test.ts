import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

let stack: TestStack;
let gateway: MqttClient;
beforeAll(async () => {
  stack = await startTestStack();
  gateway = await mqtt.connectAsync(stack.urls.mqtt, { username: stack.demo.gateway.id, password: stack.demo.gateway.secret, reconnectPeriod: 0 });
});
afterAll(async () => {
  await gateway?.endAsync();
  await stack?.destroy();
});

interface AlarmView {
  id: string;
  code: string;
  state: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgementComment: string | null;
  clearedAt: string | null;
}
const FIELDS = 'id code state acknowledgedAt acknowledgedBy acknowledgementComment clearedAt';
const ACK = `mutation($id: ID!, $comment: String) { acknowledgeAlarm(id: $id, comment: $comment) { ${FIELDS} } }`;
const publish = (tankId: string, seq: number, levelMm: number) =>
  gateway.publishAsync(`hearth/v1/${stack.demo.gateway.id}/tank/${tankId}/telemetry`, JSON.stringify({ seq, levelMm }), { qos: 1 });
const twinAlarms = async (tankId: string) =>
  (
    await graphqlData<{ tank: { twin: { alarms: AlarmView[] } } }>(
      stack.urls.graphql,
      `query($id: ID!) { tank(id: $id) { twin { alarms { ${FIELDS} } } } }`,
      { id: tankId },
      stack.auth,
    )
  ).tank.twin.alarms;

describe('acknowledging alarms (ISA-18.2)', () => {
  it('acknowledges a standing alarm once, with who, when and a comment, on the twin too; it then clears to CLEARED', async () => {
    const tank = stack.demo.tanks[0]!;
    await publish(tank.id, 1, tank.highHighMm + 20);
    const hh = await eventually('the LEVEL_HH alarm', async () => (await twinAlarms(tank.id)).find((a) => a.code === 'LEVEL_HH'));
    expect(hh.state).toBe('ACTIVE');

    const { acknowledgeAlarm } = await graphqlData<{ acknowledgeAlarm: AlarmView }>(
      stack.urls.graphql,
      ACK,
      { id: hh.id, comment: 'Filling stopped by hand' },
      stack.auth,
    );
    expect(acknowledgeAlarm).toMatchObject({
      id: hh.id,
      state: 'ACKNOWLEDGED',
      acknowledgedBy: expect.stringMatching(/^user:/),
      acknowledgementComment: 'Filling stopped by hand',
      clearedAt: null,
    });
    expect((await twinAlarms(tank.id)).find((a) => a.id === hh.id)).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgementComment: 'Filling stopped by hand' });

    const again = await graphqlHttp(stack.urls.graphql, ACK, { id: hh.id }, stack.auth);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ALARM_TRANSITION', state: 'ACKNOWLEDGED' });

    await publish(tank.id, 2, tank.highHighMm - 500);
    await eventually('the alarm to clear', async () => ((await twinAlarms(tank.id)).some((a) => a.id === hh.id) ? undefined : true));
    const [row] = await stack.db.query<{ state: string }>('SELECT state FROM twins.alarm WHERE id = $1', [hh.id]);
    expect(row?.state).toBe('CLEARED');
  });

  it('keeps an alarm that cleared unseen waiting as CLEARED_UNACKNOWLEDGED until someone acknowledges it', async () => {
    const tank = stack.demo.tanks[1]!;
    await publish(tank.id, 1, tank.highHighMm + 20);
    const hh = await eventually('the LEVEL_HH alarm', async () => (await twinAlarms(tank.id)).find((a) => a.code === 'LEVEL_HH'));
    await publish(tank.id, 2, tank.highHighMm - 500);
    await eventually('the alarm to clear', async () => ((await twinAlarms(tank.id)).some((a) => a.id === hh.id) ? undefined : true));

    const { acknowledgeAlarm } = await graphqlData<{ acknowledgeAlarm: AlarmView }>(stack.urls.graphql, ACK, { id: hh.id }, stack.auth);
    expect(acknowledgeAlarm).toMatchObject({ state: 'CLEARED', clearedAt: expect.any(String), acknowledgementComment: null });
  });

  it('finds no alarm of another company, and no alarm by a malformed id', async () => {
    for (const id of ['0b000000-0000-4000-8000-00000000dead', 'not-an-id']) {
      const { errors } = await graphqlHttp(stack.urls.graphql, ACK, { id }, stack.auth);
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });
});
