import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { REPO_ROOT } from './serverProcess';

/** Debian's Chromium; a test tool never downloads a browser of its own. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--lang=zh-CN',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts');

/**
 * Each context is one device on its own network, as real users are: servers under test trust the proxy header
 * (TRUST_PROXY=true), so per-network limits (SMS, logins) count this device alone, not every test of the run.
 */
const ownNetwork = () => ({ 'X-Forwarded-For': `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}` });

/** What the browser refused under the server's Content-Security-Policy, in any context of this test file. */
export const cspViolations: string[] = [];

/** Chromium reports each CSP violation as a console error; cspGuard.ts fails the test file if there was any. */
function watchCsp(context: BrowserContext): BrowserContext {
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      cspViolations.push(`${message.location().url}: ${message.text()}`);
    }
  });
  return context;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** A phone-sized, touch-enabled context: Taro's H5 form buttons submit on touch. */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return watchCsp(
    await browser.newContext({
      baseURL,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      hasTouch: true,
      isMobile: true,
      extraHTTPHeaders: ownNetwork(),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    }),
  );
}

/** A desktop context for the officials' admin (and the candidates' web channel on a PC: 1366×768). */
export async function desktopContext(browser: Browser, baseURL: string, height = 900): Promise<BrowserContext> {
  return watchCsp(
    await browser.newContext({
      baseURL,
      viewport: { width: 1366, height },
      extraHTTPHeaders: ownNetwork(),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    }),
  );
}

/** Saves a full-page screenshot under tests/artifacts/<suite>/<name>.png (kept by CI as an artifact). */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, suite);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Registers an afterEach that saves what the page showed when a test failed (`failed-<test name>.png`). */
export function screenshotFailures(suite: string, page: () => Page | undefined): void {
  afterEach(async ({ task }) => {
    const shown = page();
    if (task.result?.state === 'fail' && shown) await screenshot(shown, suite, `failed-${task.name.slice(0, 20)}`);
  });
}
