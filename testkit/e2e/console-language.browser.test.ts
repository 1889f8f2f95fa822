import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logInThroughConsole, useConsoleStack } from './console-login';

const env = useConsoleStack();

/** The document's language as the browser has it (no DOM types in this tsconfig). */
const htmlLang = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang);

describe('the console in the viewer’s language', () => {
  it('switches to Chinese from the user menu and stays in it after a reload', async () => {
    const page = await (await env.browser.newContext({ locale: 'en-US' })).newPage();
    await logInThroughConsole(page, env.stack, env.stack.demo.admin);
    expect(await page.getByRole('link', { name: 'Tanks' }).count()).toBe(1);
    expect(await htmlLang(page)).toBe('en');

    // Choosing a language reloads the page in it.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('language').selectOption('zh-CN')]);
    await page.getByRole('link', { name: '储罐' }).waitFor();
    expect(await page.getByRole('link', { name: '告警' }).count()).toBe(1);
    expect(await page.getByTestId('logout').textContent()).toBe('退出登录');
    expect(await htmlLang(page)).toBe('zh-CN');

    await page.reload();
    await page.getByRole('link', { name: '储罐' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tanks' }).count()).toBe(0);
    const served = await page.request.get(page.url());
    expect(await served.text()).toContain('<html lang="zh-CN">');
  });

  it("opens in Chinese for a browser that prefers it, from the server's first answer on", async () => {
    const context = await env.browser.newContext({ locale: 'zh-TW' });
    const page = await context.newPage();
    const response = await page.goto(`${env.stack.urls.console}/login`);
    expect(await response?.text()).toContain('<html lang="zh-CN">');
    expect(await page.getByTestId('login-submit').textContent()).toBe('登录');
  });
});
