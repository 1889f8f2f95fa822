import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '@hearth/testkit/browser';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/** Helpers for the console browser tests: signing in through the form, and people to sign in as. */
export interface Credentials {
  email: string;
  password: string;
}

/** Opens `path` (with its query, if any), which sends the browser to /login, logs in there and waits to be back on `path`. */
export async function logInThroughConsole(page: Page, stack: TestStack, credentials: Credentials, path = '/tanks'): Promise<void> {
  if (!stack.urls.console) throw new Error('The stack serves no console: start it with { console: true }.');
  const target = new URL(path, stack.urls.console);
  await page.goto(target.href);
  await page.waitForURL((url) => url.pathname === '/login');
  await submitLogin(page, credentials);
  await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
}

export async function submitLogin(page: Page, { email, password }: Credentials): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** A new person of the demo company, created through the gateway with the demo admin's session. */
export async function createUser(stack: TestStack, role: 'ADMIN' | 'SUPERVISOR' | 'OPERATOR' | 'VIEWER'): Promise<Credentials & { name: string }> {
  const user = { email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@demo.hearth.local`, name: `Test ${role.toLowerCase()}`, password: randomUUID() };
  await graphqlData(stack.urls.graphql, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { ...user, role } }, stack.auth);
  return user;
}

/** The embedded stack with the console and a headless Chromium, started before a file's tests and stopped after them. */
export function useConsoleStack(): { stack: TestStack; browser: Browser } {
  const env = {} as { stack: TestStack; browser: Browser };
  beforeAll(async () => {
    env.stack = await startTestStack({ console: true });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.destroy();
  });
  return env;
}
