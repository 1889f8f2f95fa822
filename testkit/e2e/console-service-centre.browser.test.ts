import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { createUser, logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(env.stack.urls.graphql, query, variables, env.stack.auth);
const row = (page: Page, id: string) => page.locator(`[data-testid=service-row][data-order-id="${id}"]`);
/** The page's window keeps this mark until it reloads. */
const markWindow = (page: Page) => page.evaluate(() => ((globalThis as unknown as { serviceMark: number }).serviceMark = 42));
const windowMark = (page: Page) => page.evaluate(() => (globalThis as unknown as { serviceMark?: number }).serviceMark);

/** Waits until the page's serviceQueueChanged subscription is up through the gateway. */
async function live(page: Page): Promise<void> {
  await page.locator('[data-testid=live-status][data-status=connected]').waitFor();
  await new Promise((resolve) => setTimeout(resolve, 500)); // the gateway's subscription reaches the customers service
}

async function createOrder(input: Record<string, unknown>): Promise<{ id: string; number: string }> {
  const { createServiceOrder } = await gql<{ createServiceOrder: { id: string; number: string } }>(
    'mutation ($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id number } }',
    { input },
  );
  return createServiceOrder;
}

// The demo company's customers and stores; the eighth customer is blacklisted.
const customer = (i: number) => env.stack.demo.customers[i]!;
const store = (i: number) => env.stack.demo.sites[i]!;

describe('the service centre in headless Chromium', () => {
  it('takes a delivery from the form, counts down to its slot, and routes, dispatches and delivers it', async () => {
    const { id: customerId, name } = customer(3);
    const { customer: found } = await gql<{ customer: { cardNumber: string } }>('query ($id: ID!) { customer(id: $id) { cardNumber } }', { id: customerId });
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/service-centre');
    expect(await page.getByRole('link', { name: 'Service centre' }).getAttribute('aria-current')).toBe('page');

    await page.getByTestId('service-new').click();
    expect(await page.getByTestId('service-create-type').inputValue()).toBe('DELIVERY');
    await page.getByTestId('customer-picker-input').fill(found.cardNumber);
    await page.locator(`[data-testid=customer-choice][data-customer-id="${customerId}"]`).click();
    expect(await page.getByTestId('customer-picked').textContent()).toContain(name);
    await page.getByTestId('service-create-date').fill(day);
    await page.getByTestId('service-create-slot').selectOption('09:00-12:00');
    await page.getByTestId('service-create-spec').fill('YSP35.5');
    await page.getByTestId('service-create-quantity').fill('2');
    await page.getByTestId('service-create-notes').fill('Leave at the back door');
    await page.getByTestId('service-create-submit').click();

    await page.waitForURL((url) => url.searchParams.has('order'));
    const id = new URL(page.url()).searchParams.get('order')!;
    const order = row(page, id);
    await order.waitFor();
    expect(await order.getAttribute('data-type')).toBe('DELIVERY');
    expect(await order.getAttribute('data-status')).toBe('RECEIVED');
    expect(await order.getByTestId('service-customer').textContent()).toContain(name);
    expect(await order.getByTestId('service-requested').textContent()).toMatch(new RegExp(`${day}\\s+09:00-12:00`));
    expect(await order.getByTestId('service-phone').textContent()).toMatch(/^\s*\d{3}\*{4}\d{4}\s*$/);
    expect(await page.getByTestId('service-notice').textContent()).toMatch(/^Order SO-\d{4}-\d{6} taken\.$/);

    // The SLA clock counts down each second in the browser, to the end of the slot.
    const clock = order.getByTestId('sla-clock');
    expect(await clock.getAttribute('data-sla')).toBe('ON_TRACK');
    expect(await clock.textContent()).toMatch(/\d+:\d\d:\d\d left/);
    const left = Number(await clock.getAttribute('data-remaining-seconds'));
    expect(left).toBeGreaterThan(3600);
    await expect.poll(async () => Number(await clock.getAttribute('data-remaining-seconds')), { timeout: 5_000 }).toBeLessThan(left);

    // Routed to a store with a driver, dispatched, delivered: then it leaves the open queue.
    const panel = page.getByTestId('order-panel');
    await page.getByTestId('order-action-assign').click();
    await page.getByTestId('order-assign-store').selectOption(store(1).id);
    await page.getByTestId('order-assign-assignee').fill('王师傅');
    await page.getByTestId('order-form-submit').click();
    await expect.poll(() => order.getAttribute('data-status')).toBe('ASSIGNED');
    expect(await order.getByTestId('service-store').textContent()).toContain(store(1).name);

    await page.getByTestId('order-action-dispatch').click();
    await expect.poll(() => order.getAttribute('data-status')).toBe('DISPATCHED');
    await page.getByTestId('order-action-complete').click();
    expect(await page.getByTestId('order-form-submit').textContent()).toBe('Mark delivered');
    await page.getByTestId('order-form-submit').click();
    await order.waitFor({ state: 'detached' });
    await expect.poll(() => panel.getAttribute('data-status')).toBe('DELIVERED');
    expect(await page.getByTestId('service-notice').textContent()).toMatch(/is now Delivered\.$/);
    const history = await panel.getByTestId('order-event').evaluateAll((all) => all.map((e) => e.getAttribute('data-to')));
    expect(history).toEqual(['DELIVERED', 'DISPATCHED', 'ASSIGNED', 'RECEIVED']);
    expect(await panel.getByTestId('order-actions').count()).toBe(0);
  });

  it('shows a gas smell reported through the API at once, prominent, and closes it only with the hazard confirmed controlled', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/service-centre');
    await page.getByTestId('service-filters').waitFor();
    await live(page);
    await markWindow(page);

    const gas = await createOrder({ type: 'GAS_SMELL', address: '7 Market Street, stairwell', phone: '13900001111', notes: 'Strong smell on the 2nd floor' });
    const order = row(page, gas.id);
    await order.waitFor({ timeout: 10_000 });
    expect(await windowMark(page)).toBe(42); // live, not reloaded
    expect(await order.getAttribute('data-type')).toBe('GAS_SMELL');
    expect(await order.getByTestId('gas-smell-badge').isVisible()).toBe(true);
    expect(await order.getByTestId('service-customer').textContent()).toMatch(/Not a customer\s+7 Market Street, stairwell/);
    expect(await order.getByTestId('service-store').textContent()).toContain('Not routed yet');
    const banner = page.getByTestId('gas-smell-banner');
    expect(await banner.textContent()).toContain(gas.number);
    expect(await banner.textContent()).toMatch(/open gas-smell report/);
    // Attended within 30 minutes.
    const left = Number(await order.getByTestId('sla-clock').getAttribute('data-remaining-seconds'));
    expect(left).toBeGreaterThan(20 * 60);
    expect(left).toBeLessThanOrEqual(30 * 60);

    // Routed and dispatched elsewhere (through the API): the row follows.
    await gql('mutation ($id: ID!, $s: ID!) { assignServiceOrder(id: $id, storeId: $s, assignee: "抢修班") { id } }', { id: gas.id, s: store(0).id });
    await gql('mutation ($id: ID!) { dispatchServiceOrder(id: $id) { id } }', { id: gas.id });
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('DISPATCHED');
    expect(await order.getByTestId('service-store').textContent()).toContain(store(0).name);

    // Completing without confirming the hazard controlled is refused by the service, in words.
    await order.getByTestId('service-open').click();
    const panel = page.getByTestId('order-panel');
    await expect.poll(() => panel.getAttribute('data-order-id')).toBe(gas.id);
    await page.getByTestId('order-action-complete').click();
    const hazard = page.getByTestId('order-complete-hazard');
    expect(await hazard.isChecked()).toBe(false);
    await page.getByTestId('order-form-submit').click();
    const refusal = page.getByTestId('order-action-error');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('HAZARD_NOT_CONFIRMED');
    expect(await refusal.textContent()).toContain('A gas-smell order is closed only once the hazard is confirmed controlled on site');
    expect(await order.getAttribute('data-status')).toBe('DISPATCHED');

    await hazard.check();
    await page.getByTestId('order-complete-note').fill('Loose hose clamp tightened; no reading');
    await page.getByTestId('order-form-submit').click();
    await order.waitFor({ state: 'detached' });
    await expect.poll(() => panel.getAttribute('data-status')).toBe('COMPLETED');
    expect(await page.getByTestId('gas-smell-banner').count()).toBe(0);
    expect(await windowMark(page)).toBe(42);
  });

  it('refuses a delivery for a blacklisted customer, and says why in words', async () => {
    const { id: customerId } = customer(7);
    const { customer: found } = await gql<{ customer: { cardNumber: string } }>('query ($id: ID!) { customer(id: $id) { cardNumber } }', { id: customerId });
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/service-centre');
    await page.getByTestId('service-new').click();
    await page.getByTestId('customer-picker-input').fill(found.cardNumber);
    await page.locator(`[data-testid=customer-choice][data-customer-id="${customerId}"]`).click();
    await page.getByTestId('service-create-date').fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
    await page.getByTestId('service-create-slot').selectOption('15:00-18:00');
    await page.getByTestId('service-create-submit').click();
    const refusal = page.getByTestId('service-create-error');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('CUSTOMER_BLACKLISTED');
    expect(await refusal.textContent()).toContain('The customer is blacklisted: deliveries and pick-ups are refused');
    expect(await page.getByTestId('service-create-form').count()).toBe(1);
  });

  it('shows a viewer the queue, in Chinese, with no new order and no actions', async () => {
    const repair = await createOrder({ type: 'REPAIR', customerId: customer(5).id, notes: 'Stove igniter clicks' });
    const viewer = await createUser(env.stack, 'VIEWER');
    const page = await (await env.browser.newContext({ locale: 'zh-CN' })).newPage();
    await logInThroughConsole(page, env.stack, viewer, `/service-centre?order=${repair.id}`);
    const order = row(page, repair.id);
    await order.waitFor();
    expect(await page.getByRole('link', { name: '客服中心' }).getAttribute('aria-current')).toBe('page');
    expect(await order.getByTestId('service-status').textContent()).toBe('已受理');
    await expect.poll(() => page.getByTestId('order-panel').getAttribute('data-status')).toBe('RECEIVED');
    expect(await page.getByTestId('order-event').count()).toBe(1);
    for (const absent of ['service-new', 'order-actions', 'order-action-assign', 'order-action-cancel']) {
      expect(await page.getByTestId(absent).count(), absent).toBe(0);
    }
  });
});
