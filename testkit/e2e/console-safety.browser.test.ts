import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { createUser, logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

/** The depot's industrial detector: first level 20 % LEL, second 40 %, bound to its shut-off valve. */
const detector = () => env.stack.demo.detectors[0]!;
const cardOf = (id: string) => `[data-testid=detector][data-detector-id="${id}"]`;

describe('the gas safety page in headless Chromium', () => {
  it('shows a leak reach the second level and the interlock close the valve, live, and says in words why the valve will not open', async () => {
    const { demo, urls } = env.stack;
    const gateway = demo.gateways.find((g) => g.id === detector().gatewayId)!;
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, demo.admin, '/safety');
    const card = page.locator(cardOf(detector().id));
    await card.waitFor();
    // Nothing read yet: the page does not call that normal.
    expect(await card.getByTestId('detector-level').getAttribute('data-level')).toBe('UNKNOWN');
    expect(await card.getByTestId('detector-level').textContent()).toMatch(/No reading/);
    expect(await page.getByTestId('safety-site').filter({ has: card }).getByTestId('safety-site-name').textContent()).toBe(detector().site);
    expect(await page.getByRole('link', { name: 'Gas safety' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
    await new Promise((r) => setTimeout(r, 500)); // the page's subscriptions reach the twins service

    const field = await mqtt.connectAsync(urls.mqtt, { username: gateway.id, password: gateway.secret, reconnectPeriod: 0 });
    let seq = 1;
    const publish = (kind: string, id: string, values: Record<string, unknown>) =>
      field.publishAsync(`hearth/v1/${gateway.id}/${kind}/${id}/telemetry`, JSON.stringify({ seq: seq++, ...values }), { qos: 1 });
    try {
      await publish('valve', detector().valveId, { open: true });
      await publish('detector', detector().id, { lelPercent: 60 });

      const level = card.getByTestId('detector-level');
      await expect.poll(() => level.getAttribute('data-level'), { timeout: 10_000 }).toBe('SECOND');
      // In words and as a shape, not by colour alone.
      expect(await level.textContent()).toMatch(/▲▲\s*Second level/);
      expect(await card.getByTestId('detector-reading').textContent()).toContain('60.0 % LEL');
      expect(await page.getByTestId('safety-summary-second').textContent()).toMatch(/^\s*1\s/);

      const interlock = card.getByTestId('valve-interlock');
      await expect.poll(() => interlock.getAttribute('data-detector-id'), { timeout: 10_000 }).toBe(detector().id);
      expect(await interlock.textContent()).toMatch(/Held closed by this detector since .+\(tripped at 60\.0 % LEL\)/);
      expect(await card.getByTestId('valve-desired').getAttribute('data-desired')).toBe('false');

      // The valve reports itself closed: the page shows the interlock confirmed.
      await publish('valve', detector().valveId, { open: false });
      await expect.poll(() => interlock.getAttribute('data-closed'), { timeout: 10_000 }).toBe('true');
      expect(await card.getByTestId('valve-position').getAttribute('data-open')).toBe('false');

      // Open, from the keyboard, then its confirmation: refused, and the reason given in words.
      await card.getByTestId('valve-open').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // the confirmation has the focus
      const refusal = card.getByTestId('valve-refusal');
      await refusal.waitFor({ timeout: 10_000 });
      expect(await refusal.getAttribute('role')).toBe('alert');
      const text = await refusal.textContent();
      expect(text).toContain('the gas interlock holds this valve closed');
      expect(text).toContain(`Detector ${detector().id} still reads 60.0 % LEL, at or above its first level (20 % LEL)`);
      expect(await card.getByTestId('valve-position').getAttribute('data-open')).toBe('false');
    } finally {
      await field.endAsync();
    }
  });

  it('shows a viewer the detectors and valves without Open and Close', async () => {
    const viewer = await createUser(env.stack, 'VIEWER');
    const page = await (await env.browser.newContext()).newPage();
    await logInThroughConsole(page, env.stack, viewer, '/safety');
    const card = page.locator(cardOf(detector().id));
    await card.getByTestId('valve').waitFor();
    expect(await page.getByTestId('valve-open').count()).toBe(0);
    expect(await page.getByTestId('valve-close').count()).toBe(0);
    expect(await page.locator('[data-testid=detector]').count()).toBe(env.stack.demo.detectors.length);
  });
});
