import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

describe('console in headless Chromium', () => {
  it('moves a tank gauge when telemetry arrives, without reloading the page', async () => {
    const tank = env.stack.demo.tanks[3]!;
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    const card = page.locator(`[data-testid=tank-card][data-tank-id="${tank.id}"]`);
    await card.waitFor();
    await expect.poll(() => page.locator('[data-testid=live-status]').textContent(), { timeout: 10_000 }).toMatch(/live/i);
    // A marker on window survives only if the page is never reloaded.
    await page.evaluate(() => Object.assign(globalThis, { hearthMarker: 42 }));

    const client = await mqtt.connectAsync(env.stack.urls.mqtt, { username: env.stack.demo.gateway.id, password: env.stack.demo.gateway.secret });
    await client.publishAsync(
      `hearth/v1/${env.stack.demo.gateway.id}/tank/${tank.id}/telemetry`,
      JSON.stringify({ seq: 1, levelMm: 1234.5, temperatureC: 14 }),
      {
        qos: 1,
      },
    );

    await expect.poll(() => card.locator('[data-testid=tank-level]').textContent(), { timeout: 10_000 }).toBe('1234.5 mm');
    await expect.poll(() => card.locator('[data-testid=tank-online]').textContent()).toMatch(/^\s*online/i);
    // The gateway's connection ending is news too: its tanks go offline on the page.
    await client.endAsync();
    await expect.poll(() => card.locator('[data-testid=tank-online]').textContent(), { timeout: 10_000 }).toMatch(/offline/i);
    expect(await page.evaluate(() => (globalThis as unknown as { hearthMarker?: number }).hearthMarker)).toBe(42);
  });
});
