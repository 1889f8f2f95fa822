import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

describe('the devices page in headless Chromium', () => {
  it("shows why the broker refused a device's data, and the commands still on their way to it", async () => {
    const { demo, urls } = env.stack;
    const tank = demo.tanks[1]!;
    // The gateway is not connected: the command waits for it.
    await graphqlData(
      urls.graphql,
      'mutation ($tank: ID!) { setTankDesiredState(tankId: $tank, input: { inletValveOpen: false }) { id } }',
      { tank: tank.id },
      env.stack.auth,
    );

    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, demo.admin, '/devices');
    const row = page.locator(`[data-testid=device-row][data-device-kind=TANK][data-device-id="${tank.id}"]`);
    await row.waitFor();
    expect(await page.locator(`[data-testid=gateway][data-gateway-id="${demo.gateway.id}"] h2`).textContent()).toContain(demo.gateway.id);
    expect(await row.getByTestId('device-rejections').getAttribute('data-count')).toBe('0');
    await expect.poll(() => row.getByTestId('pending-command').getAttribute('data-status')).toBe('PENDING');

    const client = await mqtt.connectAsync(urls.mqtt, { username: demo.gateway.id, password: demo.gateway.secret });
    await client.publishAsync(`hearth/v1/${demo.gateway.id}/tank/${tank.id}/telemetry`, '{"levelMm":', { qos: 1 });
    await client.publishAsync(`hearth/v1/${demo.gateway.id}/tank/not-a-registered-tank/telemetry`, '{"levelMm":1}', { qos: 1 });
    await client.endAsync();

    // Refusals have no live event: Refresh, from the keyboard, reads them.
    await page.getByTestId('devices-refresh').focus();
    await page.keyboard.press('Enter');
    const refused = row.locator('[data-testid=rejection][data-reason=MQTT_BAD_JSON]');
    await refused.waitFor({ timeout: 10_000 });
    expect(await refused.getByTestId('rejection-detail').textContent()).toMatch(/not JSON/);
    const unknown = page.getByTestId('gateway-rejections').locator('[data-testid=rejection][data-reason=MQTT_UNKNOWN_DEVICE]');
    expect(await unknown.getAttribute('data-device-id')).toBe('not-a-registered-tank');

    // Column headers name their columns for assistive technology.
    expect(await page.getByRole('columnheader', { name: 'Refused messages' }).count()).toBeGreaterThan(0);
  });
});
