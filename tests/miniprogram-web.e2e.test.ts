import { holdAndConfirm } from '@kaowei/server/test/support/bookingFlows';
import { insertCandidateWithTicket } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopContext, launchChromium, phoneContext, screenshot, screenshotFailures } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { insertCurrentCatalog, signInH5 } from './support/h5Candidate';
import { bindPhoneBySms, fillNewPassword, logInWithPassword, openMiniPage, seeText } from './support/miniprogram';
import { fillInput } from './support/taroH5';

const SUITE = 'miniprogram-web';
const WEB_BUILD = fileURLToPath(new URL('../miniprogram/dist/h5', import.meta.url));
/** Every button that needs WeChat itself: one-tap login, its phone number, in-app pay, the link on 我的. */
const WECHAT_ONLY = ['#wechat-login', '#bind-wechat-phone', '#pay-wechat', '#mine-wechat'];

interface Box {
  x: number;
  width: number;
}

/** The page's window, typed here (the root tsconfig has no DOM types). */
interface StyledWindow {
  getComputedStyle(element: unknown): { fontSize: string };
}

/**
 * Issue 11 item 20: the production H5 build is the web channel. Served the way production serves it (no /sim
 * proxy), it never calls the simulator, shows no WeChat-only button, lets a candidate log in with a password, bind
 * a phone by SMS and pay a booking by the Native QR code their phone's WeChat scans; on a PC it is a centred,
 * phone-wide column with ordinary text sizes.
 */
describe('mini-program web channel (production H5 build, no WeChat)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page | undefined;
  const simRequests: string[] = [];

  beforeAll(async () => {
    ensureBuilt('h5');
    server = await startTestServer({ TRUST_PROXY: 'true', H5_DIST_DIR: WEB_BUILD, SIMULATOR_PROXY: 'false' });
    browser = await launchChromium();
  });

  screenshotFailures(SUITE, () => page);

  afterAll(async () => {
    // Closing the browser closes every context the tests opened.
    await browser?.close();
    await server?.close();
  });

  /** A page that records every request it makes to /sim (there must be none). */
  async function open(context: BrowserContext): Promise<Page> {
    const opened = await context.newPage();
    opened.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/sim')) simRequests.push(request.url());
    });
    return opened;
  }

  async function expectNoWechatButtons(p: Page): Promise<void> {
    for (const selector of WECHAT_ONLY) expect(await p.locator(selector).count(), selector).toBe(0);
    expect(await p.getByText(/微信一键登录|使用微信手机号|微信支付$|微信绑定/).count()).toBe(0);
  }

  it('is served without the simulator: /sim answers nothing on this origin', async () => {
    const answer = await fetch(`${server.baseUrl}/sim/sms/inbox?phone=13800000000`);
    expect(answer.status).toBe(404);
  });

  it('on a phone: password login, phone bound by SMS, new password, 我的 without WeChat', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'web-first-login');
    page = await open(await phoneContext(browser, server.baseUrl));

    await openMiniPage(page, 'login');
    await seeText(page, '密码登录');
    await expectNoWechatButtons(page);
    await screenshot(page, SUITE, '01-phone-login');
    await logInWithPassword(page, candidate.ticketNo, candidate.idCardNo.slice(-6));

    await seeText(page, '第一步：绑定手机');
    await expectNoWechatButtons(page);
    await screenshot(page, SUITE, '02-phone-bind-by-sms');
    const phone = await bindPhoneBySms(page, server.simulator);

    await seeText(page, '第二步：修改初始密码');
    const newPassword = 'Kaowei2027web';
    await fillNewPassword(page, candidate.idCardNo.slice(-6), newPassword);
    await page.locator('#password-submit').tap();
    await seeText(page, '请使用新密码重新登录');
    await page.locator('#first-login-relogin').tap();

    await seeText(page, '密码登录');
    await logInWithPassword(page, candidate.ticketNo, newPassword);
    await page.waitForURL(/pages\/booking\/index/, { timeout: 15_000 });
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).tap();
    await seeText(page, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await expectNoWechatButtons(page);
    await screenshot(page, SUITE, '03-phone-mine');

    const stored = await server.db.models.Candidate.findByPk(candidate.candidateId, { rejectOnEmpty: true });
    expect(stored.phone).toBe(phone);
    expect(stored.mustChangePassword).toBe(false);
    // On a phone the column is the screen.
    const column = await columnBox(page);
    expect(column.x).toBe(0);
    expect(column.width).toBe(390);
    expect(simRequests).toEqual([]);
  });

  it('on a PC: a centred, phone-wide column; the booking is paid by the QR code the phone scans', async () => {
    const catalog = await insertCurrentCatalog(server, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 1 });
    const booked = await holdAndConfirm(server, catalog, 2);
    const context = await desktopContext(browser, server.baseUrl, 768);
    await signInH5(context, booked.session);
    page = await open(context);

    await openMiniPage(page, 'login');
    await seeText(page, '密码登录');
    await expectReadableColumn(page);
    await expectNoWechatButtons(page);
    await screenshot(page, SUITE, '04-pc-login');

    await page.goto('/#/pages/booking/index');
    await seeText(page, '每门课程 ¥35.00');
    await expectReadableColumn(page);
    await screenshot(page, SUITE, '05-pc-booking');

    await openMiniPage(page, 'payment', `outTradeNo=${booked.outTradeNo}`);
    await page.locator('#order-no').filter({ hasText: booked.outTradeNo }).waitFor();
    await seeText(page, '应缴 ¥70.00');
    await expectNoWechatButtons(page);
    await expectReadableColumn(page);
    await screenshot(page, SUITE, '06-pc-payment');
    await fillInput(page, 'pay-id-card', booked.candidate.idCardNo);
    await page.locator('#pay-native').click();
    const qr = page.locator('#pay-qr-code img');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(page, SUITE, '07-pc-qr-code');

    // The candidate's phone scans the code in WeChat and pays; the page notices by itself.
    expect((await server.simulator.scan(booked.outTradeNo)).paid).toBe(true);
    await seeText(page, '缴费成功', 20_000);
    await page.locator('#result-badges').getByText('已缴费').waitFor();
    await expectReadableColumn(page);
    await screenshot(page, SUITE, '08-pc-paid');
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    expect(order.channel).toBe('native');
    expect(simRequests).toEqual([]);
  });
});

/** The app's column (pages and tab bar together). */
async function columnBox(p: Page): Promise<Box> {
  const box = await p.locator('.taro-tabbar__container').boundingBox();
  if (!box) throw new Error('the app column is not on screen');
  return box;
}

/** At 1366 wide: the column is centred and phone-wide, and the visible text is of ordinary size. */
async function expectReadableColumn(p: Page): Promise<void> {
  const viewport = p.viewportSize()!;
  const column = await columnBox(p);
  expect(column.width).toBeGreaterThanOrEqual(360);
  expect(column.width).toBeLessThanOrEqual(560);
  expect(Math.abs(column.x + column.width / 2 - viewport.width / 2)).toBeLessThanOrEqual(1);
  const sizes = await fontSizes(p.locator('.hint, .field-label, .period-label, .card-title').filter({ visible: true }));
  expect(sizes.length).toBeGreaterThan(0);
  const [body] = await fontSizes(p.locator('body'));
  expect(body).toBeGreaterThanOrEqual(14);
  expect(body).toBeLessThanOrEqual(20);
  for (const size of sizes) {
    expect(size).toBeGreaterThanOrEqual(12);
    expect(size).toBeLessThanOrEqual(22);
  }
}

/** Rendered font sizes in CSS pixels. */
function fontSizes(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((elements) =>
    elements.map((e) => parseFloat((globalThis as unknown as StyledWindow).getComputedStyle(e).fontSize)),
  );
}
