import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

describe('the alarm centre in headless Chromium', () => {
  it('shows a new alarm live and acknowledges it from the keyboard', async () => {
    const tank = env.stack.demo.tanks[4]!;
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/alarms');
    await page.getByTestId('alarm-count').first().waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the page's alarmChanged subscription reaches the twins service

    const client = await mqtt.connectAsync(env.stack.urls.mqtt, { username: env.stack.demo.gateway.id, password: env.stack.demo.gateway.secret });
    await client.publishAsync(`hearth/v1/${env.stack.demo.gateway.id}/tank/${tank.id}/telemetry`, JSON.stringify({ seq: 1, levelMm: tank.highHighMm + 20 }), {
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
