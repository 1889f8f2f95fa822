import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { createUser, logInThroughConsole, submitLogin, useConsoleStack } from './console-login';

const env = useConsoleStack();

/** The console calls the gateway by the host the browser used (localhost), so match port and path. */
function isGatewayCall(url: string): boolean {
  const gateway = new URL(env.stack.urls.graphql);
  const called = new URL(url);
  return called.port === gateway.port && called.pathname === gateway.pathname;
}

/** Each test in its own browser context: nothing in sessionStorage carries over. */
async function freshPage(): Promise<Page> {
  const context = await env.browser.newContext();
  return context.newPage();
}

describe('console login', () => {
  it('sends a visitor without a session to /login, says a wrong password is wrong, and returns to the page asked for', async () => {
    const page = await freshPage();
    await page.goto(`${env.stack.urls.console}/admin/audit`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/admin/audit');

    await submitLogin(page, { email: env.stack.demo.admin.email, password: 'not the password' });
    const error = page.getByTestId('login-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
    expect(await error.textContent()).toMatch(/wrong email or password/i);

    await submitLogin(page, env.stack.demo.admin);
    await page.waitForURL((url) => url.pathname === '/admin/audit');
    await page.getByTestId('audit-table').waitFor();
  });

  it('tells a locked-out person how long to wait', async () => {
    const user = await createUser(env.stack, 'VIEWER');
    const login = 'mutation ($email: String!) { login(email: $email, password: "wrong") { accessToken } }';
    for (let attempt = 0; attempt < 20; attempt++) {
      const answer = await graphqlHttp(env.stack.urls.graphql, login, { email: user.email });
      if (answer.errors?.[0]?.extensions?.code === 'ACCOUNT_LOCKED') break;
    }
    const page = await freshPage();
    await page.goto(`${env.stack.urls.console}/login`);
    await submitLogin(page, { email: user.email, password: 'still wrong' });
    const error = page.getByTestId('login-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('ACCOUNT_LOCKED');
    expect(await page.getByTestId('login-locked-wait').textContent()).toMatch(/try again in (1 min|\d+ s)/i);
  });
});

describe('console roles', () => {
  it('lets an admin create an API key and shows its secret exactly once', async () => {
    const page = await freshPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    // Administration is a menu in the top bar (the pages are grouped by domain).
    await page.getByRole('button', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/api-keys');

    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-name').fill('Browser test ERP');
    await page.getByTestId('api-key-scope-tanks-read').check();
    await page.getByTestId('api-key-scope-twins-read').check();
    await page.getByTestId('api-key-create-submit').click();

    const secret = await page.getByTestId('api-key-secret').inputValue();
    expect(secret.length).toBeGreaterThan(16);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Browser test ERP' });
    await row.waitFor();
    expect(await row.textContent()).toContain('tanks:read, twins:read');

    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(secret).toContain(await row.getByTestId('api-key-prefix').textContent());
  });

  it('shows a viewer no administration, and refuses the API keys page without asking the gateway for keys', async () => {
    const viewer = await createUser(env.stack, 'VIEWER');
    const page = await freshPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (isGatewayCall(request.url())) asked.push(request.postData() ?? '');
    });
    await logInThroughConsole(page, env.stack, viewer);
    expect(await page.getByTestId('user-role').textContent()).toBe('VIEWER');
    expect(await page.getByRole('link', { name: 'Tanks' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    await page.goto(`${env.stack.urls.console}/admin/api-keys`);
    const refusal = page.getByTestId('not-allowed');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/not allowed for your role/i);
    expect(await refusal.textContent()).toContain('identity:admin');
    expect(asked.some((body) => body.includes('ConsoleTanks'))).toBe(true);
    expect(asked.filter((body) => body.includes('apiKeys'))).toEqual([]);
  });
});

describe('console audit log', () => {
  it('names the domain of every entry and filters by it: a tank changed over GraphQL shows under Tanks', async () => {
    const tank = env.stack.demo.tanks[2]!;
    await graphqlData(
      env.stack.urls.graphql,
      'mutation ($id: ID!, $name: String!) { updateTank(id: $id, input: { name: $name }) { id } }',
      { id: tank.id, name: `${tank.name} (audited)` },
      env.stack.auth,
    );
    const page = await freshPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin, '/admin/audit');
    const entry = page.locator('[data-testid=audit-entry][data-action="tank.updated"]').filter({ hasText: `tank:${tank.id}` });
    await entry.waitFor();
    expect(await entry.getAttribute('data-domain')).toBe('tanks');
    expect(await entry.getByTestId('audit-domain-cell').textContent()).toBe('Tanks');
    expect(await page.getByRole('columnheader', { name: 'Domain' }).count()).toBe(1);
    const domains = () => page.locator('[data-testid=audit-entry]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-domain')))]);
    expect(await domains()).toContain('identity');

    await page.getByTestId('audit-domain').selectOption('tanks');
    await page.waitForURL((url) => url.searchParams.get('domain') === 'tanks');
    await expect.poll(domains).toEqual(['tanks']);
    await entry.waitFor();
  });
});

describe('console logout', () => {
  it('returns to /login and ends the session at the gateway', async () => {
    const page = await freshPage();
    const tokens = new Set<string>();
    page.on('request', (request) => {
      // headers() leaves out credentials; allHeaders() has them.
      if (isGatewayCall(request.url())) void request.allHeaders().then((headers) => headers.authorization && tokens.add(headers.authorization));
    });
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    await page.getByTestId('tank-card').first().waitFor();
    expect(tokens.size).toBeGreaterThan(0);

    await page.getByTestId('logout').click();
    await page.waitForURL((url) => url.pathname === '/login');
    for (const authorization of tokens) {
      const answer = await graphqlHttp(env.stack.urls.graphql, '{ viewer { tenantId } }', {}, { authorization });
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Nothing is left in the tab to sign in with.
    await page.goto(`${env.stack.urls.console}/tanks`);
    await page.waitForURL((url) => url.pathname === '/login');
  });
});

/** The session the console keeps in the tab's sessionStorage (no DOM types in this tsconfig). */
type TabStorage = { getItem(k: string): string | null; setItem(k: string, v: string): void };

async function storedSession(page: Page): Promise<Record<string, unknown>> {
  const text = await page.evaluate(() => (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage.getItem('hearth.session'));
  return JSON.parse(text ?? '{}') as Record<string, unknown>;
}

/** Overwrites fields of the stored session. */
async function tamperWithSession(page: Page, changes: Record<string, string>): Promise<void> {
  await page.evaluate((fields) => {
    const storage = (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage;
    const session = JSON.parse(storage.getItem('hearth.session') ?? '{}') as Record<string, unknown>;
    storage.setItem('hearth.session', JSON.stringify({ ...session, ...fields }));
  }, changes);
}

describe('console session renewal', () => {
  it('renews the tokens before the access token expires and moves the live socket to the new one', async () => {
    const page = await freshPage();
    await page.clock.install();
    const inits: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; payload?: { authorization?: string } };
        if (message.type === 'connection_init') inits.push(message.payload?.authorization ?? '');
      }),
    );
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    const status = page.getByTestId('live-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
    expect(inits).toHaveLength(1);

    // Access tokens live 15 minutes; the console renews a minute ahead.
    await page.clock.fastForward('14:30');
    await expect.poll(() => inits.length, { timeout: 10_000 }).toBe(2);
    expect(inits[1]).toMatch(/^Bearer /);
    expect(inits[1]).not.toBe(inits[0]);
    expect(inits[1]).toBe(`Bearer ${(await storedSession(page)).accessToken}`);
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
  });

  it('renews once when the gateway refuses the access token, and carries on', async () => {
    const page = await freshPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    await tamperWithSession(page, { accessToken: 'no-longer-valid' });
    await page.reload();
    await page.getByTestId('tank-card').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/tanks');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('connected');
  });

  it('sends the person to log in again when the session cannot be renewed', async () => {
    const page = await freshPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    await tamperWithSession(page, { accessToken: 'no-longer-valid', refreshToken: 'no-longer-valid-either' });
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/tanks');
    await page.getByTestId('login-expired').waitFor();
  });
});
