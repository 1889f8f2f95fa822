import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { createUser, logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

/** A customer's phones whole, as the admin (customers:pii) reads them. */
async function phonesOf(id: string): Promise<string[]> {
  const { customer } = await graphqlData<{ customer: { phones: string[] } }>(
    env.stack.urls.graphql,
    'query ($id: ID!) { customer(id: $id) { phones(unmasked: true) } }',
    { id },
    env.stack.auth,
  );
  return customer.phones;
}

/** The raw fen of a money cell (its text is formatted). */
const fen = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

// The demo company's 150 customers of the customers demo; the eighth is blacklisted.
const customer = (i: number) => env.stack.demo.customers[i]!;

/** The ids and names of the company's customers the API finds for a search (every one without), as the page should list them. */
async function customersFound(search?: string): Promise<{ id: string; name: string }[]> {
  const found: { id: string; name: string }[] = [];
  let after: string | null = null;
  type Found = { customers: { edges: { node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  do {
    const { customers }: Found = await graphqlData<Found>(
      env.stack.urls.graphql,
      'query ($f: CustomerFilter, $after: String) { customers(filter: $f, first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
      { f: search ? { search } : null, after },
      env.stack.auth,
    );
    found.push(...customers.edges.map((e) => e.node));
    after = customers.pageInfo.hasNextPage ? customers.pageInfo.endCursor : null;
  } while (after);
  return found;
}

describe('the customers page in headless Chromium', () => {
  it('lists every customer a page at a time', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/customers');
    expect(await page.getByRole('link', { name: 'Customers' }).getAttribute('aria-current')).toBe('page');
    // The customers demo's 150 and the mall's shop tenants (the metering demo): 50 a page.
    const all = await customersFound();
    expect(all.length).toBeGreaterThan(150);
    const rows = page.getByTestId('customer-row');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await page.getByTestId('customer-count').textContent()).toBe(`${all.length} customers`);
    for (let shown = 50; shown < all.length; shown += 50) {
      await page.getByTestId('customer-load-more').click();
      await expect.poll(() => rows.count()).toBe(Math.min(shown + 50, all.length));
    }
    expect(await page.getByTestId('customer-load-more').count()).toBe(0);
    const ids = await rows.evaluateAll((rowsShown) => rowsShown.map((row) => row.getAttribute('data-customer-id')));
    expect(new Set(ids)).toEqual(new Set(all.map((c) => c.id)));
    expect(ids).toEqual(expect.arrayContaining(env.stack.demo.customers.map((c) => c.id)));
  });

  it('finds customers by a name fragment and shows one with masked numbers, whole after "Show"', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/customers');
    await page.getByTestId('customer-table').waitFor();

    await page.getByTestId('customer-search-input').fill('黄');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '黄');
    const expected = (await customersFound('黄')).map((c) => c.name);
    expect(expected).toEqual(expect.arrayContaining(env.stack.demo.customers.filter((c) => c.name.includes('黄')).map((c) => c.name)));
    const names = () => page.getByTestId('customer-open').allTextContents();
    await expect.poll(async () => (await names()).sort()).toEqual(expected.sort());
    expect(await page.getByTestId('customer-count').textContent()).toBe(`${expected.length} customers`);
    expect(await page.getByTestId('customer-balance').first().textContent()).toMatch(/^\s*¥[\d,]+\.\d\d\s*$/);

    const row = page.getByTestId('customer-row').first();
    const id = (await row.getAttribute('data-customer-id'))!;
    await row.getByTestId('customer-open').click();
    await page.waitForURL((url) => url.searchParams.get('customer') === id);
    const phones = page.getByTestId('customer-phones');
    await phones.waitFor();
    const whole = await phonesOf(id);
    expect(await phones.textContent()).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await phones.textContent()).not.toContain(whole[0]);
    expect(await page.getByTestId('customer-id-number').textContent()).toMatch(/\*{11}/);

    await page.getByTestId('customer-pii-show').click();
    await expect.poll(() => phones.textContent()).toBe(whole.join(', '));
    expect(await page.getByTestId('customer-id-number').textContent()).toMatch(/^\d{17}[\dX]$/);
    // Reading them whole is on the record.
    await page.locator('[data-testid=history-entry][data-action="customer.pii-read"]').first().waitFor();
  });

  it('tops up ¥12.34: the balance rises by 1234 fen and the statement starts with the top-up', async () => {
    const { id } = customer(3);
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/customers?customer=${id}`);
    await page.getByTestId('account-balance').waitFor();
    await page.getByTestId('statement-entry').first().waitFor();
    const before = await fen(page, 'account-balance');

    await page.getByTestId('top-up-amount').fill('12.34');
    await page.getByTestId('top-up-method').selectOption('WECHAT_PAY');
    await page.getByTestId('top-up-submit').click();
    const result = page.getByTestId('top-up-result');
    await expect.poll(() => result.getAttribute('data-balance')).toBe(String(before + 1234));
    expect(await result.textContent()).toContain('¥12.34 paid in.');
    await expect.poll(() => fen(page, 'account-balance')).toBe(before + 1234);
    const newest = page.getByTestId('statement-entry').first();
    await expect.poll(() => newest.getAttribute('data-kind')).toBe('TOP_UP');
    expect(await newest.getAttribute('data-amount')).toBe('1234');
    expect(await newest.getAttribute('data-balance')).toBe(String(before + 1234));

    const { account } = await graphqlData<{ account: { balanceMinor: number } }>(
      env.stack.urls.graphql,
      'query ($id: ID!) { account(id: $id) { balanceMinor } }',
      { id: customer(3).accountId },
      env.stack.auth,
    );
    expect(account.balanceMinor).toBe(before + 1234);
  });

  it('finds a customer by 4 digits of a phone number', async () => {
    const { id, name } = customer(42);
    const digits = (await phonesOf(id))[0]!.slice(-4);
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/customers?q=${digits}`);
    const row = page.locator(`[data-testid=customer-row][data-customer-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('customer-open').textContent()).toBe(name);
    expect(await row.getByTestId('customer-phone').textContent()).toContain(digits);
  });

  it('opens a customer from the form and blacklists them with a reason, which the history shows', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/customers');
    await page.getByTestId('customer-new').click();
    await page.getByTestId('customer-create-type').selectOption('COMMERCIAL');
    await page.getByTestId('customer-create-name').fill('运河茶楼');
    await page.getByTestId('customer-create-phones').fill('13912345678');
    await page.getByTestId('customer-create-address').fill('8 Canal Lane');
    await page.getByTestId('customer-create-submit').click();
    const panel = page.getByTestId('customer-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('ready');
    expect(await page.getByTestId('customer-phones').textContent()).toBe('139****5678');
    expect(await fen(page, 'account-balance')).toBe(0);
    await page.locator('[data-testid=history-entry][data-action="customer.created"]').waitFor();

    await page.getByTestId('customer-blacklist').click();
    await page.keyboard.type('Unpaid deliveries'); // the reason field has the focus
    await page.keyboard.press('Enter');
    const entry = page.locator('[data-testid=history-entry][data-action="customer.blacklisted"]');
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/blacklistReason\s*—\s*→\s*became\s*Unpaid deliveries/);
    expect(await panel.getByTestId('customer-blacklisted').count()).toBe(1);
    expect(await page.getByTestId('customer-blacklist-reason-text').textContent()).toBe('Unpaid deliveries');

    await page.getByTestId('customer-unblacklist').click();
    await page.locator('[data-testid=history-entry][data-action="customer.unblacklisted"]').waitFor();
    expect(await panel.getByTestId('customer-blacklisted').count()).toBe(0);
  });

  it('takes a deposit, transfers the station, issues a permit and records a credit contract for a commercial customer', async () => {
    const commercial = env.stack.demo.customers.filter((c) => c.type === 'COMMERCIAL')[5]!;
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, `/customers?customer=${commercial.id}`);
    const panel = page.getByTestId('customer-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('ready');

    expect(await fen(page, 'deposit-held')).toBe(0);
    await page.getByTestId('deposit-amount').fill('150');
    await page.getByTestId('deposit-submit').click();
    await expect.poll(() => fen(page, 'deposit-held')).toBe(15000);
    expect(await page.getByTestId('deposit-held').textContent()).toBe('¥150.00');

    const from = (await page.getByTestId('customer-station').textContent())!;
    const to = env.stack.demo.sites.find((site) => site.name !== from)!;
    await page.getByTestId('station-transfer-select').selectOption(to.id);
    await page.getByTestId('station-transfer-submit').click();
    await expect.poll(() => page.getByTestId('customer-station').textContent()).toBe(to.name);
    expect(await page.getByTestId('customer-last-station').textContent()).toBe(from);

    const permit = `P-E2E-${Date.now()}`;
    await page.getByTestId('permit-number').fill(permit);
    await page.getByTestId('permit-issue').click();
    await page.locator(`[data-testid=permit-row][data-number="${permit}"][data-revoked=false]`).waitFor();

    expect(await fen(page, 'account-credit-limit')).toBe(0);
    await page.getByTestId('contract-number').fill(`HT-E2E-${Date.now()}`);
    await page.getByTestId('contract-payment').selectOption('CREDIT');
    await page.getByTestId('contract-credit-limit').fill('5,000');
    await page.getByTestId('contract-submit').click();
    await expect.poll(() => fen(page, 'account-credit-limit')).toBe(500000);
    expect(await page.getByTestId('account-credit-limit').textContent()).toContain('¥5,000.00');
    expect(await page.getByTestId('contract-row').count()).toBe(1);
  });

  it('shows a viewer the record and the statement, but no top-up, blacklist, new customer, "Show" or other operation', async () => {
    const viewer = await createUser(env.stack, 'VIEWER');
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, viewer, `/customers?customer=${customer(7).id}`);
    await page.getByTestId('statement-entry').first().waitFor();
    expect(await page.getByTestId('customer-phones').textContent()).toMatch(/\*{4}/);
    expect(await page.getByTestId('customer-panel').getByTestId('customer-blacklisted').count()).toBe(1);
    for (const absent of [
      'top-up-form',
      'customer-pii-show',
      'customer-blacklist',
      'customer-unblacklist',
      'customer-new',
      'deposit-form',
      'station-transfer-form',
      'ownership-open',
      'permit-form',
      'statement-reverse',
    ]) {
      expect(await page.getByTestId(absent).count(), absent).toBe(0);
    }
  });
});
