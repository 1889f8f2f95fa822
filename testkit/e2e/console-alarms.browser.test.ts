import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '@hearth/testkit/browser';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';
import { logInThroughConsole } from './console-login';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({ console: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.destroy();
});

describe('the alarm centre in headless Chromium', () => {
  it('shows a new alarm live and acknowledges it from the keyboard', async () => {
    const tank = stack.demo.tanks[4]!;
    const page = await browser.newPage();
    await logInThroughConsole(page, stack, stack.demo.admin, '/alarms');
    await page.getByTestId('alarm-count').first().waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the page's alarmChanged subscription reaches the twins service

    const client = await mqtt.connectAsync(stack.urls.mqtt, { username: stack.demo.gateway.id, password: stack.demo.gateway.secret });
    await client.publishAsync(`hearth/v1/${stack.demo.gateway.id}/tank/${tank.id}/telemetry`, JSON.stringify({ seq: 1, levelMm: tank.highHighMm + 20 }), {
      qos: 1,
    });
    await client.endAsync();

    const row = page.locator('[data-testid=alarm-row][data-code=LEVEL_HH]');
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getAttribute('data-state')).toBe('ACTIVE');
    expect(await page.locator('[data-testid=alarm-count][data-severity=CRITICAL] strong').textContent()).not.toBe('0');

    await row.getByTestId('alarm-acknowledge').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('ACKNOWLEDGED');
    expect(await row.getByTestId('alarm-state').textContent()).toMatch(/by user:/);
    expect(await row.getByTestId('alarm-acknowledge').count()).toBe(0);
  });
});
