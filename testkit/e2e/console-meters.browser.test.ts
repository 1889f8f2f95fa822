import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { logInThroughConsole, useConsoleStack } from './console-login';

/**
 * The metering pages in headless Chromium over the real stack: a prepaid electricity meter of a
 * demo site, bound to a customer's wallet and a flat tariff (¥1.00 a kWh) through the API, bound
 * to the demo gateway; its readings published over real MQTT as that gateway, which also carries
 * out the meter's relay commands and reports the relay as a DL/T 645 meter would. The Meters page
 * follows it live (meterTwinChanged): amber at alarm 1, red once the charges bring it to the floor
 * and the relay trips, back to normal after a top-up past the reconnection threshold.
 */
const env = useConsoleStack();
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(env.stack.urls.graphql, query, variables, env.stack.auth);

const suffix = randomUUID().slice(0, 8);
const serial = String(randomInt(1e11, 1e12 - 1)).padStart(12, '0');
const name = `Shop B1-${suffix}`;
let meterId: string;
let accountId: string;
let tariffId: string;
let field: MqttClient;
let seq = 1;
let registerKwh = 1_000;
/** The relay as the meter has it: what its reports say. */
let relay: 'OPEN' | 'CLOSED' = 'CLOSED';
const commands: string[] = [];

const gw = () => env.stack.demo.gateway;
const topic = (channel: string) => `hearth/v1/${gw().id}/meter/${meterId}/${channel}`;
const publish = (body: Record<string, unknown>) =>
  field.publishAsync(topic('telemetry'), JSON.stringify({ seq: seq++, ts: new Date().toISOString(), ...body }), { qos: 1 });
/** The meter's register `kwh` further on, with its relay. */
const consume = (kwh: number) => publish({ registerKwh: (registerKwh += kwh), relay });
const topUp = (amountMinor: number) =>
  gql('mutation($i: TopUpAccountInput!) { topUpAccount(input: $i) { id } }', {
    i: { accountId, amountMinor, idempotencyKey: `e2e-meter-${suffix}-${amountMinor}`, method: 'PARTNER' },
  });

beforeAll(async () => {
  // Alarm 1 at ¥5, alarm 2 at ¥2, the floor at zero; reconnect at once at ¥10; no friendly window (the test may run at night or at a weekend).
  await gql('mutation($i: SetMeteringPolicyInput!) { setMeteringPolicy(input: $i) { alarm1Minor } }', {
    i: {
      alarm1Minor: 500,
      alarm2Minor: 200,
      emergencyCreditMinor: 0,
      reconnectMinor: 1_000,
      reconnectAction: 'CLOSE',
      noFriendlyNights: true,
      friendlyWeekends: false,
      friendlyHolidays: false,
    },
  });
  const { createTariff } = await gql<{ createTariff: { id: string } }>('mutation($i: CreateTariffInput!) { createTariff(input: $i) { id } }', {
    i: { kind: 'ELECTRICITY', name: `Mall flat ${suffix}`, version: { type: 'FLAT', unitPrice: '1.0000' } },
  });
  tariffId = createTariff.id;
  const { createCustomer } = await gql<{ createCustomer: { id: string; account: { id: string } } }>(
    'mutation($n: String!) { createCustomer(input: { type: COMMERCIAL, name: $n, phones: ["13800138023"] }) { id account { id } } }',
    { n: `Tea house ${suffix}` },
  );
  accountId = createCustomer.account.id;
  await topUp(1_000);
  const { registerMeter } = await gql<{ registerMeter: { id: string } }>('mutation($i: RegisterMeterInput!) { registerMeter(input: $i) { id } }', {
    i: { kind: 'ELECTRICITY', serial, name, siteId: env.stack.demo.sites[0]!.id },
  });
  meterId = registerMeter.id;
  await gql('mutation($m: ID!, $c: ID!, $t: ID!) { bindMeter(meterId: $m, customerId: $c, tariffId: $t) { id } }', {
    m: meterId,
    c: createCustomer.id,
    t: tariffId,
  });
  await gql('mutation ($input: BindDeviceInput!) { bindDevice(input: $input) { id } }', { input: { kind: 'METER', id: meterId, gatewayId: gw().id } });

  field = await mqtt.connectAsync(env.stack.urls.mqtt, { username: gw().id, password: gw().secret, reconnectPeriod: 0 });
  // The meter carries out its relay commands and reports its relay (ALLOW_CLOSE would wait for the customer's button).
  field.on('message', (commandTopic, payload) => {
    const { id, action } = JSON.parse(payload.toString()) as { id: string; action: string };
    commands.push(action);
    if (action === 'TRIP') relay = 'OPEN';
    if (action === 'CLOSE') relay = 'CLOSED';
    void field
      .publishAsync(`${commandTopic}/ack`, JSON.stringify({ id, status: 'done' }), { qos: 1 })
      .then(() => (['TRIP', 'CLOSE', 'READ_RELAY'].includes(action) ? publish({ relay }) : undefined));
  });
  await field.subscribeAsync(`hearth/v1/${gw().id}/meter/+/command`, { qos: 1 });
  // The first reading is the baseline: nothing is charged for it.
  await consume(0);
});
afterAll(async () => {
  await field?.endAsync();
});

const meterRow = (page: Page) => page.locator(`[data-testid=meter-row][data-meter-id="${meterId}"]`);

describe('the metering pages in headless Chromium', () => {
  it('turns a meter’s row amber when low and red when its relay trips at the floor, and back to normal after a top-up', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/meters?q=${serial}`);
    expect(await page.getByRole('link', { name: 'Meters', exact: true }).getAttribute('aria-current')).toBe('page');
    const row = meterRow(page);
    await row.waitFor();
    expect(await row.getAttribute('data-tone')).toBe('ok');
    expect(await row.getByTestId('meter-balance').textContent()).toBe('¥10.00');
    expect(await row.getByTestId('meter-tone').textContent()).toBe('Normal');
    await page.locator('[data-testid=live-status][data-status=connected]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the gateway's subscription reaches the twins service

    await consume(4); // ¥6.00 left
    await expect.poll(() => row.getAttribute('data-balance'), { timeout: 10_000 }).toBe('600');
    expect(await row.getAttribute('data-tone')).toBe('ok');
    await consume(2); // ¥4.00: at or below alarm 1
    await expect.poll(() => row.getAttribute('data-tone'), { timeout: 10_000 }).toBe('alarm1');
    expect(await row.getByTestId('meter-tone').textContent()).toBe('Low (alarm 1)');
    expect(await row.getByTestId('meter-balance').textContent()).toBe('¥4.00');

    await consume(3); // ¥1.00: alarm 2
    await expect.poll(() => row.getAttribute('data-balance'), { timeout: 10_000 }).toBe('100');
    await consume(2); // ¥2.00 charged, ¥1.00 paid: the wallet is at the floor and the relay trips
    await expect.poll(() => row.getAttribute('data-relay-intended'), { timeout: 15_000 }).toBe('OPEN');
    expect(await row.getAttribute('data-tone')).toBe('cut');
    expect(await row.getByTestId('meter-tone').textContent()).toBe('Cut off');
    // The meter acknowledged the trip and reports its relay open.
    await expect.poll(() => row.getAttribute('data-relay-reported'), { timeout: 10_000 }).toBe('OPEN');
    expect(await row.getByTestId('meter-relay-intended').textContent()).toBe('Open (cut off)');
    expect(await row.getByTestId('meter-relay-reported').textContent()).toBe('Open (cut off)');
    expect(commands.filter((c) => c === 'TRIP')).toHaveLength(1);

    // A top-up through the API past the reconnection threshold (and alarm 1): the meter is told to close, and reports it closed.
    await topUp(2_000);
    await expect.poll(() => row.getAttribute('data-relay-intended'), { timeout: 15_000 }).toBe('CLOSED');
    await expect.poll(() => row.getAttribute('data-relay-reported'), { timeout: 10_000 }).toBe('CLOSED');
    await expect.poll(() => row.getAttribute('data-tone'), { timeout: 10_000 }).toBe('ok');
    expect(await row.getByTestId('meter-tone').textContent()).toBe('Normal');
    expect(Number(await row.getAttribute('data-balance'))).toBeGreaterThanOrEqual(1_000);
    expect(commands.filter((c) => c === 'CLOSE')).toHaveLength(1);

    // Its panel: the charges of its readings, and the protection (保电) set after a confirmation.
    await row.getByTestId('meter-open').click();
    const panel = page.locator(`[data-testid=meter-panel][data-meter-id="${meterId}"]`);
    await panel.getByTestId('meter-charges').waitFor();
    expect(await panel.locator('[data-testid=meter-charge][data-status=UNFUNDED]').count()).toBe(1);

    // Its supply history, newest first: cut off at the floor, then reconnected by the top-up (after the two alarms).
    const supply = panel.getByTestId('meter-supply-event');
    const actions = () => supply.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    await expect.poll(actions, { timeout: 10_000 }).toContain('CLOSE');
    expect((await actions()).filter((action) => action === 'TRIP' || action === 'CLOSE')).toEqual(['CLOSE', 'TRIP']);
    const trip = panel.locator('[data-testid=meter-supply-event][data-action=TRIP]');
    const close = panel.locator('[data-testid=meter-supply-event][data-action=CLOSE]');
    expect(await trip.textContent()).toContain('Cut off (relay tripped)');
    expect(await trip.textContent()).toContain('Balance at the floor');
    expect(await close.textContent()).toContain('Reconnected (relay closed)');
    expect(await close.textContent()).toContain('Topped up');

    // Its consumption chart's time axis: hours with the midnights as dates over two days, dates over thirty.
    const ticks = panel.locator('[data-testid=history-chart] [data-testid=time-tick]');
    const kinds = () => ticks.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    await expect.poll(kinds, { timeout: 10_000 }).toContain('time');
    expect(await kinds()).toContain('date');
    await panel.getByTestId('meter-chart-days').click();
    await expect.poll(async () => [...new Set(await kinds())], { timeout: 10_000 }).toEqual(['date']);
    await panel.getByTestId('meter-protect').click();
    await panel.getByTestId('meter-protect-reason').fill('Hospital pharmacy');
    await panel.getByTestId('meter-protect-confirm').click();
    await expect.poll(() => row.getByTestId('meter-protection').getAttribute('data-protected'), { timeout: 10_000 }).toBe('true');
    expect(await row.getByTestId('meter-protection').textContent()).toContain('Hospital pharmacy');
  });

  it('adds a version to a tariff from a time ahead, and shows the service’s refusal of one in the past', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/tariffs?tariff=${tariffId}`);
    const panel = page.locator(`[data-testid=tariff-panel][data-tariff-id="${tariffId}"]`);
    await panel.locator('[data-testid=tariff-version][data-state=current]').waitFor();

    await panel.getByTestId('tariff-add-version').click();
    const form = panel.getByTestId('tariff-version-form');
    await form.getByTestId('tariff-version-price').fill('1.2000');
    await form.getByTestId('tariff-version-effective').fill('2020-01-01T00:00');
    await form.getByTestId('tariff-version-submit').click();
    const refusal = form.getByTestId('tariff-version-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('BAD_USER_INPUT');
    expect(await refusal.textContent()).toContain('never back-dated');

    await form.getByTestId('tariff-version-effective').fill('2099-01-01T00:00');
    await form.getByTestId('tariff-version-submit').click();
    const scheduled = panel.locator('[data-testid=tariff-version][data-state=scheduled]');
    await scheduled.waitFor();
    expect(await scheduled.getByTestId('tariff-version-price').getAttribute('data-value')).toBe('1.2000');
    expect(await panel.locator('[data-testid=tariff-version][data-state=current]').getByTestId('tariff-version-price').getAttribute('data-value')).toBe(
      '1.0000',
    );
  });
});
