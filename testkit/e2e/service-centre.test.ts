import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * The customer service centre's live queue through the real gateway: `serviceQueueChanged` is the
 * customers subgraph's own subscription, planned by the gateway like the twins' ones, each event
 * completed with fields of other subgraphs (the store's name from tanks). Orders arrive from the
 * service desk, and from a gas detector's CRITICAL alarm at a customer's premises, by itself.
 */
let stack: TestStack;
let ws: Client;
const events: { serviceQueueChanged: QueueEvent }[] = [];

interface QueueEvent {
  id: string;
  number: string;
  type: string;
  status: string;
  slaState: string;
  deadline: string | null;
  detectorId: string | null;
  lelPercent: number | null;
  store: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
}
const QUEUE = `subscription($s: [ID!]) { serviceQueueChanged(storeIds: $s) { id number type status slaState deadline detectorId lelPercent store { id name } customer { id name } } }`;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);

beforeAll(async () => {
  stack = await startTestStack();
  // The demo admin's session (the demo API key only reads).
  ws = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: stack.auth });
  ws.subscribe(
    { query: QUEUE, variables: { s: null } },
    { next: (r) => void events.push(r.data as (typeof events)[number]), error: () => {}, complete: () => {} },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(async () => {
  await ws?.dispose();
  await stack?.destroy();
});

describe('the service centre’s queue through the gateway', () => {
  it('sends a store’s subscriber an order as it is taken, with its SLA state, deadline and store name', async () => {
    const customer = stack.demo.customers[0]!;
    const store = stack.demo.sites[0]!;
    const mine: QueueEvent[] = [];
    const stop = ws.subscribe(
      { query: QUEUE, variables: { s: [store.id] } },
      { next: (r) => void mine.push((r.data as (typeof events)[number]).serviceQueueChanged), error: () => {}, complete: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const { createServiceOrder } = await gql<{ createServiceOrder: { id: string } }>(
      `mutation($c: ID!, $s: ID!, $d: LocalDate!) { createServiceOrder(input: { type: DELIVERY, customerId: $c, storeId: $s, requestedDate: $d, timeSlot: "09:00-12:00", cylinderSpec: "YSP35.5" }) { id } }`,
      { c: customer.id, s: store.id, d: tomorrow },
    );
    const event = await eventually('the new order on the store’s queue', () => mine.find((e) => e.id === createServiceOrder.id));
    stop();
    expect(event).toMatchObject({
      type: 'DELIVERY',
      status: 'RECEIVED',
      slaState: 'ON_TRACK',
      store: { id: store.id, name: store.name },
      customer: { name: customer.name },
    });
    expect(event.number).toMatch(/^SO-\d{4}-\d{6}$/);
    expect(Date.parse(event.deadline!)).toBeGreaterThan(Date.now());
  });

  it('opens a GAS_SMELL order by itself when a detector at a customer’s premises reads past its second level', async () => {
    const detector = stack.demo.detectors.find((d) => d.name === 'Station kiosk gas detector')!;
    const premises = stack.demo.sites.find((s) => s.name === detector.site)!;
    const customer = stack.demo.customers[1]!;
    await gql(`mutation($c: ID!, $p: ID) { updateCustomer(id: $c, input: { premisesSiteId: $p }) { id } }`, { c: customer.id, p: premises.id });
    const gateway = stack.demo.gateways.find((g) => g.id === detector.gatewayId)!;
    const field = await mqtt.connectAsync(stack.urls.mqtt, { username: gateway.id, password: gateway.secret, reconnectPeriod: 0 });
    try {
      await field.publishAsync(`hearth/v1/${gateway.id}/detector/${detector.id}/telemetry`, JSON.stringify({ seq: 1, lelPercent: 62 }), { qos: 1 });
    } finally {
      await field.endAsync();
    }
    const order = await eventually(
      'the gas-smell order on the queue',
      () => events.map((e) => e.serviceQueueChanged).find((e) => e.type === 'GAS_SMELL' && e.detectorId === detector.id),
      15_000,
    );
    expect(order).toMatchObject({ status: 'RECEIVED', lelPercent: 62, customer: { id: customer.id, name: customer.name } });
    // Attended within 30 minutes of the alarm.
    expect(Date.parse(order.deadline!) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });
});
