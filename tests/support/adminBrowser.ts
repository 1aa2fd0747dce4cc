import { OFFICIAL_PASSWORD } from '@kaowei/server/test/support/fixtures';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { desktopContext, screenshot } from './browser';

/**
 * A runner of browser sessions for one screenshot suite: each runs `steps` in a fresh desktop session calling
 * from its own address (the server trusts X-Forwarded-For in tests, so login limits stay ours); a failing step
 * leaves a screenshot of where it stopped.
 */
export function browserSessions(suite: string) {
  return async function inBrowser(
    browser: Browser,
    baseUrl: string,
    name: string,
    steps: (page: Page) => Promise<void>,
  ): Promise<void> {
    const context = await desktopContext(browser, baseUrl);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await steps(page);
    } catch (error) {
      await screenshot(page, suite, `failed-${name}`).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  };
}

/** Types username and OFFICIAL_PASSWORD on the login page and presses 登录 (without waiting for the outcome). */
export async function submitLogin(page: Page, username: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', OFFICIAL_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs an official in with OFFICIAL_PASSWORD and waits for the first page (live seats). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/admin/');
  await page.getByRole('heading', { name: '考位 · 考办管理后台' }).waitFor();
  await submitLogin(page, username);
  await page.getByRole('heading', { name: '实时考位' }).waitFor();
}

export const POLL = { timeout: 15_000, interval: 100 };
export const expectCount = (l: Locator, n: number) => expect.poll(() => l.count(), POLL).toBe(n);
export const expectText = (l: Locator, text: string) => expect.poll(() => l.innerText(), POLL).toContain(text);
