import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

/** Publishes telemetry of one device as the IoT gateway it is bound to. */
async function publish(gatewayId: string, topic: string, body: Record<string, unknown>): Promise<void> {
  const gateway = env.stack.demo.gateways.find((g) => g.id === gatewayId)!;
  const client = await mqtt.connectAsync(env.stack.urls.mqtt, { username: gateway.id, password: gateway.secret, reconnectPeriod: 0 });
  await client.publishAsync(`hearth/v1/${gateway.id}/${topic}/telemetry`, JSON.stringify(body), { qos: 1 });
  await client.endAsync();
}

// The tests build on each other: the first raises the tank's LEVEL_HH, the others filter and shelve it.
const tank = () => env.stack.demo.tanks[4]!;
const levelHH = '[data-testid=alarm-row][data-code=LEVEL_HH]';

describe('the alarm centre in headless Chromium', () => {
  it('shows a new alarm live, named by its tank and site, and acknowledges it with a comment from the keyboard', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/alarms');
    await page.getByTestId('alarm-count').first().waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the page's alarmChanged subscription reaches the twins service

    await publish(tank().gatewayId, `tank/${tank().id}`, { seq: 1, levelMm: tank().highHighMm + 20 });

    const row = page.locator(levelHH);
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getAttribute('data-state')).toBe('ACTIVE');
    expect(await page.locator('[data-testid=alarm-count][data-severity=CRITICAL] strong').textContent()).not.toBe('0');
    await expect.poll(() => row.getByTestId('alarm-asset').textContent()).toContain(tank().name);
    expect(await row.getByTestId('alarm-site').textContent()).toBe(tank().site);

    await row.getByTestId('alarm-acknowledge').focus();
    await page.keyboard.press('Enter');
    // The comment field has the focus: type, and Enter sends the form.
    await page.keyboard.type('Gauge checked on site');
    expect(await page.getByTestId('alarm-ack-comment').inputValue()).toBe('Gauge checked on site');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('ACKNOWLEDGED');
    expect(await row.getByTestId('alarm-state').textContent()).toMatch(/by user:/);
    expect(await row.getByTestId('alarm-comment').textContent()).toBe('Gauge checked on site');
    expect(await row.getByTestId('alarm-acknowledge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('alarm-notice').textContent()).toMatch(/LEVEL_HH of .+ acknowledged/);
  });

  it('narrows the list by asset kind and by severity, and a link reproduces the view', async () => {
    const detector = env.stack.demo.detectors[0]!;
    await publish(detector.gatewayId, `detector/${detector.id}`, { seq: 1, lelPercent: 25 });
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/alarms');
    const tankRow = page.locator(levelHH);
    const gasRow = page.locator('[data-testid=alarm-row][data-code=GAS_LEL_HIGH]');
    await tankRow.waitFor();
    await gasRow.waitFor({ timeout: 10_000 });
    expect(await gasRow.getByTestId('alarm-asset').textContent()).toMatch(new RegExp(`gas detector\\s+${detector.id}`));
    expect(await gasRow.getByTestId('alarm-site').textContent()).toBe(detector.site);
    const kinds = () => page.locator('[data-testid=alarm-row]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-asset-kind')))]);
    expect((await kinds()).length).toBeGreaterThan(1);

    await page.getByTestId('alarm-filter-kind-DETECTOR').focus();
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'DETECTOR');
    await tankRow.waitFor({ state: 'detached' });
    await expect.poll(kinds).toEqual(['DETECTOR']);
    expect(await gasRow.count()).toBe(1);

    await page.goto(`${env.stack.urls.console}/alarms?severity=CRITICAL`);
    await tankRow.waitFor();
    expect(await page.getByTestId('alarm-filter-severity-CRITICAL').isChecked()).toBe(true);
    expect(await page.getByTestId('alarm-filter-kind-DETECTOR').isChecked()).toBe(false);
    const severities = await page.locator('[data-testid=alarm-row]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-severity')))]);
    expect(severities).toEqual(['CRITICAL']);
    expect(await gasRow.count()).toBe(0);
  });

  it('shelves an alarm with a reason from the keyboard: it leaves the list and shows under "shelved"', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/alarms');
    const row = page.locator(levelHH);
    await row.waitFor();
    const alarmId = (await row.getAttribute('data-alarm-id'))!;

    await row.getByTestId('alarm-shelve').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Gauge being recalibrated'); // the reason field has the focus
    await page.keyboard.press('Tab'); // how long
    await page.keyboard.press('ArrowDown'); // 1 hour → 8 hours
    await page.keyboard.press('Tab'); // Shelve
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('alarm-notice').textContent()).toMatch(/LEVEL_HH of .+ shelved until/);

    const toggle = page.getByTestId('alarm-show-shelved');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => toggle.textContent()).toMatch(/\(1\)/);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('shelved') === '1');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const shelved = page.locator(`[data-testid=alarm-row][data-alarm-id="${alarmId}"]`);
    await shelved.waitFor();
    expect(await shelved.getAttribute('data-shelved')).toBe('true');
    expect(await shelved.getByTestId('alarm-shelve-reason').textContent()).toBe('Gauge being recalibrated');
    expect(await shelved.getByTestId('alarm-shelved').textContent()).toMatch(/shelved until .+ by user:/);

    // Shelved for the 8 hours chosen with the arrow key.
    const { alarms } = await graphqlData<{ alarms: { edges: { node: { id: string; shelvedUntil: string } }[] } }>(
      env.stack.urls.graphql,
      'query ($ids: [ID!]) { alarms(filter: { assetIds: $ids, shelved: true }, first: 10) { edges { node { id shelvedUntil } } } }',
      { ids: [tank().id] },
      env.stack.auth,
    );
    const until = Date.parse(alarms.edges.find((e) => e.node.id === alarmId)!.node.shelvedUntil);
    expect(Math.abs(until - Date.now() - 8 * 3_600_000)).toBeLessThan(5 * 60_000);

    // Unshelved, it is back on the main list.
    await shelved.getByTestId('alarm-unshelve').click();
    await shelved.waitFor({ state: 'detached', timeout: 10_000 });
    await toggle.click();
    await page.locator(levelHH).waitFor();
  });
});
