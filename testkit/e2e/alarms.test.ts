import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
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

  it('lists alarms newest first, filtered and a page at a time, and counts what needs attention per severity', async () => {
    const LIST = `query($filter: AlarmFilter, $first: Int, $after: String) {
      alarms(filter: $filter, first: $first, after: $after) { totalCount edges { node { code state assetKind assetId } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      alarms: {
        totalCount: number;
        edges: { node: { code: string; state: string; assetKind: string; assetId: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const all = (await graphqlData<Page>(stack.urls.graphql, LIST, {}, stack.auth)).alarms;
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    const first = (await graphqlData<Page>(stack.urls.graphql, LIST, { first: 1 }, stack.auth)).alarms;
    const second = (await graphqlData<Page>(stack.urls.graphql, LIST, { first: 1, after: first.pageInfo.endCursor }, stack.auth)).alarms;
    expect([first.edges[0]!.node, second.edges[0]!.node]).toEqual(all.edges.slice(0, 2).map((e) => e.node));
    expect(first.pageInfo.hasNextPage).toBe(true);

    const cleared = (await graphqlData<Page>(stack.urls.graphql, LIST, { filter: { states: ['CLEARED'], assetKinds: ['TANK'] } }, stack.auth)).alarms;
    // Both high-highs above ended CLEARED once acknowledged, the second raised last.
    expect(cleared.edges.map((e) => e.node)).toEqual(
      [stack.demo.tanks[1]!, stack.demo.tanks[0]!].map((tank) => ({ code: 'LEVEL_HH', state: 'CLEARED', assetKind: 'TANK', assetId: tank.id })),
    );

    const { alarmCounts } = await graphqlData<{ alarmCounts: { severity: string; standing: number; unacknowledged: number }[] }>(
      stack.urls.graphql,
      '{ alarmCounts { severity standing unacknowledged } }',
      {},
      stack.auth,
    );
    expect(alarmCounts.map((c) => c.severity)).toEqual(['CRITICAL', 'MAJOR', 'MINOR', 'WARNING']);
    const standing = all.edges.filter((e) => e.node.state !== 'CLEARED').length;
    expect(alarmCounts.reduce((n, c) => n + c.standing, 0)).toBe(standing);
  });

  it('sends alarmChanged to subscribers after each committed change: raised, acknowledged, cleared', async () => {
    const ws = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: stack.auth });
    const events: { alarmChanged: { id: string; code: string; state: string; assetId: string; acknowledgedBy: string | null } }[] = [];
    const stop = ws.subscribe(
      { query: 'subscription { alarmChanged { id code state assetId acknowledgedBy } }' },
      { next: (e) => void events.push(e.data as (typeof events)[number]), error: () => undefined, complete: () => undefined },
    );
    try {
      await new Promise((r) => setTimeout(r, 300)); // the subscription reaches the twins service
      const tank = stack.demo.tanks[2]!;
      await publish(tank.id, 1, tank.highHighMm + 20);
      const raised = await eventually('the raised event', () => events.find((e) => e.alarmChanged.assetId === tank.id && e.alarmChanged.code === 'LEVEL_HH'));
      expect(raised.alarmChanged.state).toBe('ACTIVE');
      await graphqlData(stack.urls.graphql, ACK, { id: raised.alarmChanged.id }, stack.auth);
      await eventually('the acknowledged event', () =>
        events.find((e) => e.alarmChanged.id === raised.alarmChanged.id && e.alarmChanged.state === 'ACKNOWLEDGED'),
      );
      await publish(tank.id, 2, tank.highHighMm - 500);
      await eventually('the cleared event', () => events.find((e) => e.alarmChanged.id === raised.alarmChanged.id && e.alarmChanged.state === 'CLEARED'));
    } finally {
      stop();
      await ws.dispose();
    }
  });

  it('shelves an alarm off the counts and default lists for a while, with who and why, and unshelves it', async () => {
    const SHELVE = `mutation($id: ID!, $until: DateTime!, $reason: String!) { shelveAlarm(id: $id, until: $until, reason: $reason) { id state shelvedUntil shelvedBy shelveReason } }`;
    const UNSHELVE = 'mutation($id: ID!) { unshelveAlarm(id: $id) { id shelvedUntil } }';
    const COUNTS = '{ alarmCounts { severity standing shelved } }';
    type Counts = { alarmCounts: { severity: string; standing: number; shelved: number }[] };
    const critical = async () => (await graphqlData<Counts>(stack.urls.graphql, COUNTS, {}, stack.auth)).alarmCounts.find((c) => c.severity === 'CRITICAL')!;
    const tank = stack.demo.tanks[3]!;
    await publish(tank.id, 1, tank.highHighMm + 20);
    const hh = await eventually('the LEVEL_HH alarm', async () => (await twinAlarms(tank.id)).find((a) => a.code === 'LEVEL_HH'));
    const before = await critical();

    const until = new Date(Date.now() + 3_600_000).toISOString();
    const { shelveAlarm } = await graphqlData<{ shelveAlarm: { shelvedUntil: string; shelvedBy: string; shelveReason: string } }>(
      stack.urls.graphql,
      SHELVE,
      { id: hh.id, until, reason: 'Gauge being recalibrated' },
      stack.auth,
    );
    expect(shelveAlarm).toMatchObject({ shelvedUntil: until, shelvedBy: expect.stringMatching(/^user:/), shelveReason: 'Gauge being recalibrated' });
    expect(await critical()).toMatchObject({ standing: before.standing - 1, shelved: before.shelved + 1 });
    const unshelvedList = await graphqlData<{ alarms: { edges: { node: { id: string } }[] } }>(
      stack.urls.graphql,
      'query { alarms(filter: { shelved: false }) { edges { node { id } } } }',
      {},
      stack.auth,
    );
    expect(unshelvedList.alarms.edges.map((e) => e.node.id)).not.toContain(hh.id);

    const tooLong = await graphqlHttp(
      stack.urls.graphql,
      SHELVE,
      { id: hh.id, until: new Date(Date.now() + 8 * 86_400_000).toISOString(), reason: 'x' },
      stack.auth,
    );
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { unshelveAlarm } = await graphqlData<{ unshelveAlarm: { shelvedUntil: string | null } }>(stack.urls.graphql, UNSHELVE, { id: hh.id }, stack.auth);
    expect(unshelveAlarm.shelvedUntil).toBeNull();
    expect(await critical()).toEqual(before);
    const again = await graphqlHttp(stack.urls.graphql, UNSHELVE, { id: hh.id }, stack.auth);
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_ALARM_TRANSITION');
  });

  it('finds no alarm of another company, and no alarm by a malformed id', async () => {
    for (const id of ['0b000000-0000-4000-8000-00000000dead', 'not-an-id']) {
      const { errors } = await graphqlHttp(stack.urls.graphql, ACK, { id }, stack.auth);
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });
});
