import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { logInThroughConsole, useConsoleStack } from './console-login';

/**
 * The fueling pages in headless Chromium over the real stack: a demo station's pump driven over
 * real MQTT as the station's forecourt gateway (nozzle up, a card read, fuel flowing, the sale),
 * followed live on the Forecourt (pumpTwinChanged); a card reported lost on the Cards page; the
 * sale on the Sales page and in its day's report.
 */
const env = useConsoleStack();

const demo = () => env.stack.demo;
const station = () => demo().fuelStations[0]!;
const pump = () => demo().pumps.find((p) => p.stationId === station().id)!;
/** Two named cards of demo customers: one buys fuel, the other is reported lost. */
const buyer = () => demo().fuelCards.filter((c) => c.kind === 'NAMED')[0]!;
const lost = () => demo().fuelCards.filter((c) => c.kind === 'NAMED')[1]!;
let field: MqttClient;
const SALE = { volumeMl: 20_000, amountMinor: 14_900 };

const publish = (kind: 'telemetry' | 'event', body: Record<string, unknown>) =>
  field.publishAsync(`hearth/v1/${pump().gatewayId}/pump/${pump().id}/${kind}`, JSON.stringify(body), { qos: 1 });

beforeAll(async () => {
  const gateway = demo().fuelGateways.find((g) => g.id === pump().gatewayId)!;
  field = await mqtt.connectAsync(env.stack.urls.mqtt, { username: gateway.id, password: gateway.secret, reconnectPeriod: 0 });
  // The forecourt controller carries out the card host's answers.
  field.on('message', (topic, payload) => {
    const { id } = JSON.parse(payload.toString()) as { id: string };
    void field.publishAsync(`${topic}/ack`, JSON.stringify({ id, status: 'done' }), { qos: 1 });
  });
  await field.subscribeAsync(`hearth/v1/${gateway.id}/pump/+/command`, { qos: 1 });
});
afterAll(async () => {
  await field?.endAsync();
});

const pumpCard = (page: Page) => page.locator(`[data-testid=pump-card][data-pump-id="${pump().id}"]`);

describe('the fueling pages in headless Chromium', () => {
  it('follows a pump live on the Forecourt: calling, the card authorised, fuelling with running litres and amount, then its sale', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, demo().admin, '/forecourt');
    expect(await page.getByRole('link', { name: 'Forecourt' }).getAttribute('aria-current')).toBe('page');
    await page.getByTestId('forecourt-station').selectOption(station().id);
    await page.waitForURL((url) => url.searchParams.get('station') === station().id);
    const card = pumpCard(page);
    await card.waitFor();
    expect(await page.getByTestId('station-price').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=live-status][data-status=connected]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the gateway's subscription reaches the twins service

    await publish('telemetry', { state: 'CALLING', nozzle: 1 });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('CALLING');
    expect(await card.getByTestId('pump-state').textContent()).toBe('Calling (nozzle up, waiting for authorisation)');

    await publish('event', { type: 'AUTH_REQUEST', cardNumber: buyer().cardNumber, nozzle: 1, presetMinor: 20_000 });
    const decision = card.getByTestId('pump-decision');
    await expect.poll(() => decision.getAttribute('data-action'), { timeout: 10_000 }).toBe('AUTHORIZE');
    expect(await decision.textContent()).toContain('Authorised up to ¥200.00 on nozzle 1');

    await publish('telemetry', { state: 'FUELLING', nozzle: 1, volumeMl: 12_000, amountMinor: 8_940 });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('FUELLING');
    expect(await card.getByTestId('pump-state').textContent()).toBe('Fuelling');
    expect(await card.getByTestId('pump-volume').textContent()).toBe('12.00 L');
    expect(await card.getByTestId('pump-amount').textContent()).toBe('¥89.40');
    expect(await card.locator('[data-testid=pump-nozzle][data-active=true]').getAttribute('data-nozzle')).toBe('1');

    // The running figures follow each sample.
    await publish('telemetry', { volumeMl: 15_500, amountMinor: 11_548 });
    await expect.poll(() => card.getByTestId('pump-volume').textContent(), { timeout: 10_000 }).toBe('15.50 L');

    const endedAt = new Date();
    await publish('event', {
      type: 'TRANSACTION',
      counter: 1,
      cardNumber: buyer().cardNumber,
      nozzle: 1,
      grade: pump().nozzles[0]!.gradeCode,
      volumeMl: SALE.volumeMl,
      unitPriceMinor: 745,
      amountMinor: SALE.amountMinor,
      totalizerStartMl: 1_000_000,
      totalizerEndMl: 1_000_000 + SALE.volumeMl,
      startedAt: new Date(endedAt.getTime() - 90_000).toISOString(),
      endedAt: endedAt.toISOString(),
    });
    await publish('telemetry', { state: 'IDLE' });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('IDLE');
    await expect.poll(() => card.getByTestId('pump-last-sale').textContent(), { timeout: 10_000 }).toContain('20.00 L');
    expect(await card.getByTestId('pump-last-sale').textContent()).toContain('¥149.00');
    expect(await card.getByTestId('pump-running').count()).toBe(0);
  });

  it('reports a card lost on the Cards page, after a confirmation, and shows its new status', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, demo().admin, `/cards?q=${lost().cardNumber}`);
    const row = page.locator(`[data-testid=card-row][data-card-id="${lost().id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('ACTIVE');
    await row.getByTestId('card-open').click();
    const panel = page.locator(`[data-testid=card-panel][data-card-id="${lost().id}"]`);
    await panel.getByTestId('card-status').waitFor();
    expect(await panel.getByTestId('card-available').getAttribute('data-value')).toMatch(/^\d+$/);

    await panel.getByTestId('card-report-lost').click();
    await panel.getByTestId('card-report-lost-confirm').click();
    await expect.poll(() => panel.getByTestId('card-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('LOST');
    expect(await panel.getByTestId('card-status').textContent()).toContain('Reported lost');
    expect(await row.getAttribute('data-status')).toBe('LOST');
    // A lost card can be reissued, not blocked.
    expect(await panel.getByTestId('card-block').count()).toBe(0);
    expect(await panel.getByTestId('card-reissue').count()).toBe(1);
  });

  it('lists the sale on the Sales page and counts it in the day’s report', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, demo().admin, `/sales?station=${station().id}&pump=${pump().id}`);
    const sale = page.locator(`[data-testid=sale-row][data-pump-id="${pump().id}"]`);
    await sale.first().waitFor();
    expect(await sale.count()).toBe(1);
    expect(await sale.getByTestId('sale-volume').getAttribute('data-value')).toBe(String(SALE.volumeMl));
    expect(await sale.getByTestId('sale-amount').textContent()).toBe('¥149.00');
    expect(await sale.getByTestId('sale-card').textContent()).toBe(buyer().cardNumber);

    await page.getByTestId('sales-tab-reports').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'reports');
    const total = page.getByTestId('report-total');
    await total.waitFor();
    expect(await total.getByTestId('report-sales').textContent()).toBe('1');
    expect(await total.getByTestId('report-amount').textContent()).toBe('¥149.00');
    expect(await page.getByTestId('report-shift').count()).toBe(1);
  });
});
