import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { logInThroughConsole, useConsoleStack } from './console-login';

/**
 * The filling line in headless Chromium over the real stack: a station with a registered scale
 * bound to the demo gateway, cylinders registered through the API, tag reads published over real
 * MQTT as that gateway; the page follows the scale's twin live (scaleTwinChanged).
 */
const env = useConsoleStack();
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(env.stack.urls.graphql, query, variables, env.stack.auth);

const suffix = randomUUID().slice(0, 8).toUpperCase();
const scaleId = `scale-${suffix.toLowerCase()}`;
const company = `Hearth Gas ${suffix}`;
const tags = { good: `E2E-FL-GOOD-${suffix}`, scrapped: `E2E-FL-SCRAP-${suffix}` };
let station: string;
let field: MqttClient;
let seq = 1;

const gw = () => env.stack.demo.gateway;
const publish = (body: Record<string, unknown>) =>
  field.publishAsync(`hearth/v1/${gw().id}/scale/${scaleId}/event`, JSON.stringify({ seq: seq++, ...body }), { qos: 1 });

async function register(key: keyof typeof tags): Promise<string> {
  const input = {
    serial: `FL-${key}-${suffix}`,
    tag: tags[key],
    specCode: 'YSP15',
    manufacturer: 'Zhejiang Jindun',
    manufacturedOn: '2024-03-15',
    ownerCompany: company,
    locationSiteId: station,
  };
  const { registerCylinder } = await gql<{ registerCylinder: { id: string } }>(
    'mutation ($input: RegisterCylinderInput!) { registerCylinder(input: $input) { id } }',
    { input },
  );
  return registerCylinder.id;
}

beforeAll(async () => {
  station = env.stack.demo.sites.at(-1)!.id;
  await gql('mutation ($input: SaveFillingStationInput!) { saveFillingStation(input: $input) { siteId } }', { input: { siteId: station, company } });
  await gql('mutation ($input: RegisterFillingScaleInput!) { registerFillingScale(input: $input) { id } }', {
    input: { id: scaleId, stationId: station, name: 'Line 1' },
  });
  await gql('mutation ($input: BindDeviceInput!) { bindDevice(input: $input) { id } }', { input: { kind: 'SCALE', id: scaleId, gatewayId: gw().id } });
  await register('good');
  const scrapped = await register('scrapped');
  await gql('mutation ($id: ID!) { scrapCylinder(id: $id, reason: "Corroded foot ring") { id } }', { id: scrapped });
  field = await mqtt.connectAsync(env.stack.urls.mqtt, { username: gw().id, password: gw().secret, reconnectPeriod: 0 });
  // The gateway carries out what the interlock commands.
  field.on('message', (topic, payload) => {
    const { id } = JSON.parse(payload.toString()) as { id: string };
    void field.publishAsync(`${topic}/ack`, JSON.stringify({ id, status: 'done' }), { qos: 1 });
  });
  await field.subscribeAsync(`hearth/v1/${gw().id}/scale/+/command`, { qos: 1 });
});
afterAll(async () => {
  await field?.endAsync();
});

const card = (page: Page) => page.locator(`[data-testid=scale-card][data-scale-id="${scaleId}"]`);

describe('the filling line in headless Chromium', () => {
  it('shows a scale released for a good cylinder, its fill, and locked for a scrapped one with the reason in words', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/filling-line?station=${station}`);
    expect(await page.getByRole('link', { name: 'Filling line' }).getAttribute('aria-current')).toBe('page');
    const scale = card(page);
    await scale.waitFor();
    expect(await scale.getByRole('heading').textContent()).toBe('Line 1');
    expect(await scale.getAttribute('data-interlock')).toBe('NONE');
    await page.locator('[data-testid=live-status][data-status=connected]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the gateway's subscription reaches the twins service

    await publish({ type: 'TAG_READ', tag: tags.good });
    await expect.poll(() => scale.getAttribute('data-interlock'), { timeout: 10_000 }).toBe('RELEASED');
    expect(await scale.getByTestId('scale-interlock').textContent()).toBe('Released');
    expect(await scale.getByTestId('scale-tag').textContent()).toBe(tags.good);
    expect(await scale.getByTestId('scale-online').textContent()).toBe('Online');

    // Its fill locks the scale and shows up in the day's fills and totals.
    await publish({ type: 'FILL', tag: tags.good, tareKg: 15.2, grossKg: 29.6, netKg: 14.4, operator: 'op-7' });
    await expect.poll(() => scale.getAttribute('data-reason'), { timeout: 10_000 }).toBe('FILLED');
    const fill = page.getByTestId('fill-record');
    await expect.poll(() => fill.count(), { timeout: 10_000 }).toBe(1);
    expect(await fill.textContent()).toContain(tags.good);
    expect(await fill.getAttribute('data-bypass')).toBe('false');
    expect(await page.getByTestId('shift-fills').first().textContent()).toBe('1');

    await publish({ type: 'TAG_READ', tag: tags.scrapped });
    await expect.poll(() => scale.getAttribute('data-reason'), { timeout: 10_000 }).toBe('SCRAPPED');
    expect(await scale.getAttribute('data-interlock')).toBe('LOCKED');
    expect(await scale.getByTestId('scale-interlock').textContent()).toBe('Locked');
    expect(await scale.getByTestId('scale-reason').textContent()).toBe('Scrapped: it must not be filled');
    expect(await scale.getByTestId('scale-tag').textContent()).toBe(tags.scrapped);

    // Filled anyway, though locked: the bypassed interlock is on the card, and the fill marked.
    await publish({ type: 'FILL', tag: tags.scrapped, tareKg: 15.2, grossKg: 29.6, netKg: 14.4 });
    const alarm = scale.getByTestId('scale-alarm');
    await expect.poll(() => alarm.getAttribute('data-code'), { timeout: 10_000 }).toBe('SCALE_INTERLOCK_BYPASSED');
    expect(await alarm.textContent()).toMatch(/^SCALE_INTERLOCK_BYPASSED \S/);
  });
});
