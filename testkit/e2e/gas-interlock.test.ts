import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * The gas-leak proof of the twin-kind seam, end to end over real MQTT and GraphQL: a detector's
 * reading past its second level raises a CRITICAL alarm and closes its valve by itself (an
 * interlock command on the valve's command topic, `"action": "CLOSE"`), the valve acks and reports
 * closed, and an operator may open it again only once the detector reads below its first level.
 */
let stack: TestStack;
let field: MqttClient;
let ws: Client;
const commands: { topic: string; body: { id: string; action: string; desired: Record<string, unknown> } }[] = [];
const events: { alarmChanged?: { code: string; severity: string; state: string; assetKind: string }; valveChanged?: ValveView }[] = [];

interface ValveView {
  id: string;
  twin: { open: boolean | null; desiredOpen: boolean | null; delta: boolean | null; interlock: { detectorId: string; closedAt: string | null } | null };
}
const VALVE_FIELDS = 'id twin { open desiredOpen delta interlock { detectorId commandId closedAt lelPercent } alarms { code severity } }';

const detector = () => stack.demo.detectors[0]!;
const gw = () => stack.demo.gateways.find((g) => g.id === detector().gatewayId)!;
let seq = 1;
const read = (lelPercent: number) =>
  field.publishAsync(`hearth/v1/${gw().id}/detector/${detector().id}/telemetry`, JSON.stringify({ seq: seq++, lelPercent }), { qos: 1 });
const valveReports = (open: boolean) =>
  field.publishAsync(`hearth/v1/${gw().id}/valve/${detector().valveId}/telemetry`, JSON.stringify({ seq: seq++, open }), { qos: 1 });
const ack = (id: string, status: string) =>
  field.publishAsync(`hearth/v1/${gw().id}/valve/${detector().valveId}/command/ack`, JSON.stringify({ id, status }), { qos: 1 });
const detectorView = async () =>
  (
    await graphqlData<{
      detector: {
        levels: { firstLel: number; secondLel: number };
        twin: { lelPercent: number; level: string; alarms: { id: string; code: string }[] };
        valve: ValveView;
      };
    }>(
      stack.urls.graphql,
      `query($id: ID!) { detector(id: $id) { levels { firstLel secondLel } twin { lelPercent level alarms { id code } } valve { ${VALVE_FIELDS} } } }`,
      { id: detector().id },
      stack.auth,
    )
  ).detector;
const OPERATE = `mutation($id: ID!, $action: ValveAction!) { operateValve(valveId: $id, action: $action) { id status requestedBy desiredJson } }`;

beforeAll(async () => {
  stack = await startTestStack();
  field = await mqtt.connectAsync(stack.urls.mqtt, { username: gw().id, password: gw().secret, reconnectPeriod: 0 });
  field.on('message', (topic, payload) => commands.push({ topic, body: JSON.parse(payload.toString()) as (typeof commands)[number]['body'] }));
  await field.subscribeAsync(`hearth/v1/${gw().id}/valve/+/command`, { qos: 1 });
  await valveReports(true);
  ws = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: stack.auth });
  for (const query of [
    'subscription { alarmChanged { code severity state assetKind } }',
    `subscription($ids: [ID!]) { valveChanged(valveIds: $ids) { ${VALVE_FIELDS} } }`,
  ]) {
    ws.subscribe(
      { query, variables: { ids: [detector().valveId] } },
      { next: (r) => void events.push(r.data as (typeof events)[number]), error: (e) => void events.push({ error: e } as never), complete: () => {} },
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(async () => {
  await ws?.dispose();
  await field?.endAsync();
  await stack?.destroy();
});

describe('a gas leak closes its valve, and only an operator opens it again', () => {
  it('lists the demo detectors with their levels and valves', async () => {
    const { detectors } = await graphqlData<{ detectors: { totalCount: number; edges: { node: { id: string; valve: { id: string } } }[] } }>(
      stack.urls.graphql,
      '{ detectors(first: 10) { totalCount edges { node { id valve { id } } } } }',
      {},
      stack.auth,
    );
    expect(detectors.totalCount).toBe(stack.demo.detectors.length);
    expect(detectors.edges.map((e) => [e.node.id, e.node.valve.id]).sort()).toEqual(stack.demo.detectors.map((d) => [d.id, d.valveId]).sort());
    expect((await detectorView()).levels).toEqual({ firstLel: 20, secondLel: 40 });
  });

  it('shows each detector’s and valve’s connectivity on its fleet device', async () => {
    await read(2);
    const { d, v } = await graphqlData<{ d: { connectivity: { online: boolean; lastSeenAt: string } }; v: { connectivity: { online: boolean } } }>(
      stack.urls.graphql,
      'query($d: ID!, $v: ID!) { d: device(kind: DETECTOR, id: $d) { connectivity { online lastSeenAt } } v: device(kind: VALVE, id: $v) { connectivity { online } } }',
      { d: detector().id, v: detector().valveId },
      stack.auth,
    );
    expect(d.connectivity).toEqual({ online: true, lastSeenAt: expect.any(String) });
    expect(v.connectivity).toEqual({ online: true });
  });

  it('second level → CRITICAL alarm → CLOSE on the valve’s command topic → ack → valve twin closed, on both twins', async () => {
    await read(25);
    expect((await detectorView()).twin).toMatchObject({ lelPercent: 25, level: 'FIRST' });
    expect(commands).toEqual([]);
    await read(48);
    const close = await eventually('the interlock’s command at the gateway', () => commands[0]);
    expect(close.topic).toBe(`hearth/v1/${gw().id}/valve/${detector().valveId}/command`);
    expect(close.body).toMatchObject({ id: expect.any(String), action: 'CLOSE', desired: { open: false } });
    await eventually('the CRITICAL alarm event', () =>
      events.find((e) => e.alarmChanged?.code === 'GAS_LEL_HIGH_HIGH' && e.alarmChanged.severity === 'CRITICAL' && e.alarmChanged.assetKind === 'DETECTOR'),
    );
    const { commands: audit } = await graphqlData<{ commands: { edges: { node: { id: string; requestedBy: string; deviceKind: string } }[] } }>(
      stack.urls.graphql,
      '{ commands(first: 5) { edges { node { id requestedBy deviceKind } } } }',
      {},
      stack.auth,
    );
    expect(audit.edges.map((e) => e.node)).toContainEqual({ id: close.body.id, requestedBy: `service:interlock:${detector().id}`, deviceKind: 'VALVE' });
    const { auditLog } = await graphqlData<{
      auditLog: { edges: { node: { domain: string; actor: string; action: string; target: string; details: string } }[] };
    }>(stack.urls.graphql, '{ auditLog(domains: ["twins"], first: 5) { edges { node { domain actor action target details } } } }', {}, stack.auth);
    expect(auditLog.edges.map((e) => ({ ...e.node, details: JSON.parse(e.node.details) as unknown }))).toContainEqual({
      domain: 'twins',
      actor: `service:interlock:${detector().id}`,
      action: 'interlock.tripped',
      target: `valve:${detector().valveId}`,
      details: { detectorId: detector().id, lelPercent: 48, commandId: close.body.id },
    });

    await ack(close.body.id, 'accepted');
    await valveReports(false);
    await ack(close.body.id, 'done');
    const view = await eventually('the valve twin closed', async () => {
      const v = await detectorView();
      return v.valve.twin.open === false ? v : undefined;
    });
    expect(view.twin.level).toBe('SECOND');
    expect(view.valve.twin).toMatchObject({
      open: false,
      desiredOpen: false,
      delta: null,
      interlock: { detectorId: detector().id, closedAt: expect.any(String) },
    });
    await eventually('the valveChanged event with the interlock', () => events.find((e) => e.valveChanged?.twin.interlock?.closedAt));
    // Another reading over the level sends nothing more: the interlock holds.
    await read(60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(commands).toHaveLength(1);
  });

  it('refuses OPEN while the gas is above the first level, and opens on the operator’s command once it is below', async () => {
    await read(30);
    const refused = await graphqlHttp(stack.urls.graphql, OPERATE, { id: detector().valveId, action: 'OPEN' }, stack.auth);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INTERLOCK_ACTIVE', detectorId: detector().id, lelPercent: 30 });
    expect(commands).toHaveLength(1);

    await read(3);
    expect((await detectorView()).twin.level).toBe('NORMAL');
    // The valve stays closed by itself (an on-site reset): nothing opens it but an operator.
    expect((await detectorView()).valve.twin).toMatchObject({ open: false, interlock: { detectorId: detector().id } });
    const { operateValve } = await graphqlData<{ operateValve: { id: string; status: string; requestedBy: string; desiredJson: string } }>(
      stack.urls.graphql,
      OPERATE,
      { id: detector().valveId, action: 'OPEN' },
      stack.auth,
    );
    expect(operateValve).toMatchObject({ status: 'SENT', requestedBy: expect.stringMatching(/^user:/), desiredJson: '{"open":true}' });
    const open = await eventually('the OPEN command at the gateway', () => commands[1]);
    expect(open.body).toMatchObject({ id: operateValve.id, action: 'OPEN' });
    expect((await detectorView()).valve.twin).toMatchObject({ interlock: null, desiredOpen: true, delta: true });
  });

  it('lists the alarm centre by site and by asset: the detector’s alarms carry its site', async () => {
    const { detector: configured } = await graphqlData<{ detector: { siteId: string } }>(
      stack.urls.graphql,
      'query($id: ID!) { detector(id: $id) { siteId } }',
      { id: detector().id },
      stack.auth,
    );
    const depot = stack.demo.sites.find((s) => s.name === detector().site)!;
    expect(configured.siteId).toBe(depot.id);
    const ALARMS = `query($filter: AlarmFilter) { alarms(filter: $filter, first: 50) { totalCount edges { node { code assetKind assetId siteId } } } }`;
    type Page = { alarms: { totalCount: number; edges: { node: { code: string; assetKind: string; assetId: string; siteId: string | null } }[] } };
    const bySite = (await graphqlData<Page>(stack.urls.graphql, ALARMS, { filter: { siteIds: [depot.id] } }, stack.auth)).alarms;
    expect(bySite.edges.map((e) => e.node)).toContainEqual({ code: 'GAS_LEL_HIGH_HIGH', assetKind: 'DETECTOR', assetId: detector().id, siteId: depot.id });
    expect(bySite.edges.every((e) => e.node.siteId === depot.id)).toBe(true);
    const detectorsOnly = (await graphqlData<Page>(stack.urls.graphql, ALARMS, { filter: { kinds: ['DETECTOR'] } }, stack.auth)).alarms;
    expect(detectorsOnly.totalCount).toBeGreaterThan(0);
    expect(detectorsOnly.edges.every((e) => e.node.assetKind === 'DETECTOR')).toBe(true);
    const history = (await graphqlData<Page>(stack.urls.graphql, ALARMS, { filter: { assetIds: [detector().id] } }, stack.auth)).alarms;
    expect(history.edges.map((e) => e.node.code).sort()).toEqual(['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH']);
    const elsewhere = (await graphqlData<Page>(stack.urls.graphql, ALARMS, { filter: { siteIds: [stack.demo.sites[1]!.id, 'not-a-site'] } }, stack.auth))
      .alarms;
    expect(elsewhere.edges.some((e) => e.node.assetId === detector().id)).toBe(false);
  });

  it('keeps the detector’s history with each bucket’s peak, so a short leak shows in a long range', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const { detector: d } = await graphqlData<{ detector: { twin: { history: { at: string; lelPercent: number }[] } } }>(
      stack.urls.graphql,
      'query($id: ID!, $from: DateTime!, $to: DateTime!) { detector(id: $id) { twin { history(from: $from, to: $to, maxPoints: 1) { at lelPercent } } } }',
      { id: detector().id, from, to },
      stack.auth,
    );
    expect(d.twin.history).toEqual([{ at: expect.any(String), lelPercent: 60 }]);
  });

  it('a valve of no one, or another company’s, is not found', async () => {
    const res = await graphqlHttp(stack.urls.graphql, OPERATE, { id: 'no-such-valve', action: 'CLOSE' }, stack.auth);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
