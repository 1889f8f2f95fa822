import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * An IC-card sale end to end over real MQTT and GraphQL (ADR 0017): a pump's card read is answered
 * on its command topic by the card host's AUTHORIZE (decided from the committed card and account,
 * the amount held), the pump fuels, its TRANSACTION (uploaded twice) settles once with the card's
 * debit, and the balance shows it through the gateway; a card reported lost is refused at once and
 * reaches offline stations as the next list increment.
 */
let stack: TestStack;
let field: MqttClient;
const commands: { topic: string; body: { id: string; action: string; limitMinor: number; reason: string | null } }[] = [];
const counter = Date.now() % 1_000_000_000;
let seq = 1;

const station = () => stack.demo.fuelStations[0]!;
const pump = () => stack.demo.pumps.find((p) => p.stationId === station().id)!;
const gateway = () => stack.demo.fuelGateways.find((g) => g.id === station().gatewayId)!;
const namedCards = () => stack.demo.fuelCards.filter((c) => c.kind === 'NAMED');
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);
const publish = (channel: 'event' | 'telemetry', body: Record<string, unknown>) =>
  field.publishAsync(`hearth/v1/${gateway().id}/pump/${pump().id}/${channel}`, JSON.stringify({ seq: seq++, ...body }), { qos: 1 });
const funds = async (cardId: string) =>
  (
    await gql<{ fuelCard: { funds: { balanceMinor: number; heldMinor: number } } }>(
      `query($id: ID!) { fuelCard(id: $id) { funds { balanceMinor heldMinor } } }`,
      { id: cardId },
    )
  ).fuelCard.funds;

beforeAll(async () => {
  stack = await startTestStack();
  field = await mqtt.connectAsync(stack.urls.mqtt, { username: gateway().id, password: gateway().secret, reconnectPeriod: 0 });
  field.on('message', (topic, payload) => commands.push({ topic, body: JSON.parse(payload.toString()) as (typeof commands)[number]['body'] }));
  await field.subscribeAsync(`hearth/v1/${gateway().id}/pump/+/command`, { qos: 1 });
});
afterAll(async () => {
  await field?.endAsync();
  await stack?.destroy();
});

describe('a card sale at a pump', () => {
  it('authorise → fuelling → sale → settled balance, the sale settled once however often it is uploaded', async () => {
    const card = namedCards()[0]!;
    await gql(
      `mutation($a: ID!) { topUpAccount(input: { accountId: $a, amountMinor: 50000, idempotencyKey: "e2e-fuel-top-up", method: WECHAT_PAY }) { journalId } }`,
      {
        a: card.accountId,
      },
    );
    const before = await funds(card.id);

    await publish('telemetry', { state: 'CALLING', nozzle: 1 });
    await publish('event', { type: 'AUTH_REQUEST', cardNumber: card.cardNumber, nozzle: 1, presetMinor: 20_000 });
    const authorize = await eventually('the AUTHORIZE at the pump', () => commands.find((c) => c.body.action === 'AUTHORIZE'), 10_000);
    expect(authorize.topic).toBe(`hearth/v1/${gateway().id}/pump/${pump().id}/command`);
    expect(authorize.body).toMatchObject({ action: 'AUTHORIZE', limitMinor: 20_000, reason: null });
    expect((await funds(card.id)).heldMinor).toBe(before.heldMinor + 20_000);
    await field.publishAsync(`hearth/v1/${gateway().id}/pump/${pump().id}/command/ack`, JSON.stringify({ id: authorize.body.id, status: 'done' }), { qos: 1 });

    await publish('telemetry', { state: 'AUTHORISED', nozzle: 1 });
    await publish('telemetry', { state: 'FUELLING', nozzle: 1, volumeMl: 8_000, amountMinor: 5_960 });
    const live = await gql<{ pump: { name: string; twin: { state: string; volumeMl: number } } }>(
      `query($id: ID!) { pump(id: $id) { name twin { state volumeMl } } }`,
      {
        id: pump().id,
      },
    );
    expect(live.pump.twin).toEqual({ state: 'FUELLING', volumeMl: 8_000 });

    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const sale = {
      type: 'TRANSACTION',
      counter,
      cardNumber: card.cardNumber,
      nozzle: 1,
      grade: '92#',
      volumeMl: 20_000,
      unitPriceMinor: 745,
      amountMinor: 14_900,
      totalizerStartMl: 1_000_000,
      totalizerEndMl: 1_020_000,
      startedAt,
      endedAt: new Date().toISOString(),
    };
    await publish('telemetry', { state: 'IDLE' });
    await publish('event', sale);
    await publish('event', sale);
    const settled = await eventually(
      'the card debited',
      async () => {
        const now = await funds(card.id);
        return now.balanceMinor === before.balanceMinor - 14_900 && now.heldMinor === before.heldMinor ? now : undefined;
      },
      10_000,
    );
    expect(settled.balanceMinor).toBe(before.balanceMinor - 14_900);
    const sales = await gql<{ fuelTransactions: { totalCount: number; edges: { node: { counter: number; amountMinor: number; offline: boolean } }[] } }>(
      `query($c: ID!) { fuelTransactions(filter: { cardId: $c }) { totalCount edges { node { counter amountMinor offline } } } }`,
      { c: card.id },
    );
    expect(sales.fuelTransactions.edges.map((e) => e.node)).toContainEqual({ counter, amountMinor: 14_900, offline: false });
    expect(sales.fuelTransactions.edges.filter((e) => e.node.counter === counter)).toHaveLength(1);
  });

  it('refuses a card reported lost at once, and lists it for offline stations as the next increment', async () => {
    const card = namedCards()[1]!;
    const { fuelCardListChanges: head } = await gql<{ fuelCardListChanges: { headVersion: number } }>('{ fuelCardListChanges(first: 1) { headVersion } }');
    await gql(`mutation($id: ID!) { reportCardLost(cardId: $id) { status } }`, { id: card.id });
    await publish('event', { type: 'AUTH_REQUEST', cardNumber: card.cardNumber, nozzle: 1 });
    const refuse = await eventually('the REFUSE at the pump', () => commands.find((c) => c.body.action === 'REFUSE'), 10_000);
    expect(refuse.body).toMatchObject({ action: 'REFUSE', limitMinor: 0, reason: 'CARD_LOST' });
    const { fuelCardListChanges } = await gql<{ fuelCardListChanges: { changes: { list: string; cardNumber: string; op: string }[] } }>(
      'query($v: Int!) { fuelCardListChanges(afterVersion: $v) { changes { list cardNumber op } } }',
      { v: head.headVersion },
    );
    expect(fuelCardListChanges.changes).toEqual([{ list: 'BLACK', cardNumber: card.cardNumber, op: 'ADD' }]);
  });
});
