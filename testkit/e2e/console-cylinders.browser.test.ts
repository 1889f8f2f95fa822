import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { logInThroughConsole, useConsoleStack } from './console-login';

/** The cylinders page in headless Chromium over the real stack; its cylinders are registered through the API. */
const env = useConsoleStack();
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(env.stack.urls.graphql, query, variables, env.stack.auth);

const prefix = `E2E-${randomUUID().slice(0, 6).toUpperCase()}-`;
const site = () => env.stack.demo.sites[0]!;
let n = 0;
const ids: string[] = [];

async function register(): Promise<string> {
  n += 1;
  const input = {
    serial: `${prefix}${String(n).padStart(3, '0')}`,
    tag: `E200-${prefix}${n}`,
    specCode: 'YSP15',
    manufacturer: 'Zhejiang Jindun',
    manufacturedOn: '2024-03-15',
    ownerCompany: 'Hearth Gas',
    locationSiteId: site().id,
  };
  const { registerCylinder } = await gql<{ registerCylinder: { id: string } }>(
    'mutation ($input: RegisterCylinderInput!) { registerCylinder(input: $input) { id } }',
    { input },
  );
  return registerCylinder.id;
}

/** The site's YSP15 stock as the API counts it. */
async function apiStock(): Promise<{ full: number; empty: number; inspection: number }> {
  const { cylinderStock } = await gql<{ cylinderStock: { sites: { specCode: string; full: number; empty: number; inspection: number }[] } }>(
    'query ($siteId: ID) { cylinderStock(siteId: $siteId) { sites { specCode full empty inspection } } }',
    { siteId: site().id },
  );
  const { full, empty, inspection } = cylinderStock.sites.find((s) => s.specCode === 'YSP15')!;
  return { full, empty, inspection };
}

const stockRow = (page: Page) => page.locator(`[data-testid=stock-row][data-site-id="${site().id}"][data-spec=YSP15]`);
const shown = async (page: Page) => ({
  full: Number(await stockRow(page).getByTestId('stock-full').textContent()),
  empty: Number(await stockRow(page).getByTestId('stock-empty').textContent()),
  inspection: Number(await stockRow(page).getByTestId('stock-inspection').textContent()),
});

beforeAll(async () => {
  for (let i = 0; i < 3; i++) ids.push(await register());
  await gql('mutation ($id: ID!) { sendCylinderToInspection(id: $id) { id } }', { id: ids[2] });
  // 21 corrections: with its registration, a history longer than one page (20).
  for (let i = 0; i < 21; i++)
    await gql('mutation ($id: ID!, $m: String!) { updateCylinder(id: $id, input: { manufacturer: $m }) { id } }', { id: ids[0], m: `Maker ${i}` });
});

describe('the cylinders page in headless Chromium', () => {
  it('shows stock by site and spec, read again every few seconds', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/cylinders');
    expect(await page.getByRole('link', { name: 'Cylinders' }).getAttribute('aria-current')).toBe('page');
    await stockRow(page).waitFor();
    expect(await stockRow(page).locator('td').first().textContent()).toBe(site().name);
    const before = await apiStock();
    expect(before.empty).toBeGreaterThanOrEqual(2);
    expect(before.inspection).toBeGreaterThanOrEqual(1);
    await expect.poll(() => shown(page)).toEqual(before);
    expect(await page.getByTestId('stock-updated').textContent()).toMatch(/^Updated \d\d:\d\d:\d\d$/);
    expect(await page.getByTestId('flows-table').isVisible()).toBe(true);

    // A cylinder registered meanwhile: the page shows it without being reloaded.
    ids.push(await register());
    await expect.poll(() => shown(page), { timeout: 12_000 }).toEqual({ ...before, empty: before.empty + 1 });
  });

  it('finds cylinders by serial and opens one’s record and history, newest first, a page at a time', async () => {
    const page = await env.browser.newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/cylinders');
    await page.getByTestId('cylinder-search-input').fill(prefix);
    await page.getByTestId('cylinder-search-submit').click();
    const results = page.getByTestId('cylinder-result');
    await expect.poll(() => results.count()).toBe(ids.length);
    expect(await results.evaluateAll((all) => all.map((r) => r.getAttribute('data-serial')))).toEqual(
      ids.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`),
    );

    await page.locator(`[data-testid=cylinder-result][data-cylinder-id="${ids[0]}"]`).getByTestId('cylinder-open').click();
    await page.waitForURL((url) => url.searchParams.get('cylinder') === ids[0]);
    const panel = page.getByTestId('cylinder-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('ready');
    expect(await panel.getByTestId('cylinder-state').textContent()).toBe('Registered');
    expect(await panel.getByTestId('cylinder-location').textContent()).toBe(site().name);
    expect(await panel.getByTestId('cylinder-tag').textContent()).toBe(`E200-${prefix}1`);
    expect(await panel.getByTestId('cylinder-inspection-due').textContent()).toMatch(/^\d{4}-\d\d-\d\d$/);

    const events = panel.getByTestId('cylinder-event');
    await expect.poll(() => events.count()).toBe(20);
    expect(await events.first().getAttribute('data-event')).toBe('UPDATE');
    await panel.getByTestId('cylinder-history-more').click();
    await expect.poll(() => events.count()).toBe(22);
    expect(await events.last().getAttribute('data-event')).toBe('REGISTER');
    expect(await events.last().textContent()).toContain('Put on the registry');
    expect(await panel.getByTestId('cylinder-history-more').count()).toBe(0);
  });
});
