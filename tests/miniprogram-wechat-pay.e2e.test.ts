import { errorMessage } from '@kaowei/shared';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import type { BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdAndConfirm, waitForOrder } from '@kaowei/server/test/support/bookingFlows';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot, screenshotFailures } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { insertCurrentCatalog, seedTaroStorage, signInH5 } from './support/h5Candidate';
import { openMiniPage, seeText } from './support/miniprogram';
import { answerModal, fillInput } from './support/taroH5';

const SUITE = 'miniprogram-wechat-pay';
/** Where the H5 build keeps its simulated WeChat user (platform/wechat.ts). */
const SIM_OPENID_KEY = 'kaowei.sim.openid';

type Booked = Awaited<ReturnType<typeof holdAndConfirm>>;

/**
 * Issue #6, 缴费 in the mini-program itself (requestPayment; in H5 the simulator's payment sheet): a candidate who
 * linked WeChat backs out of the sheet once, then pays and sees 已缴费/已确认; one who never linked WeChat is told
 * why and keeps 扫码支付.
 */
describe('mini-program in-app WeChat payment (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let catalog: BookingCatalog;
  let page: Page | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCurrentCatalog(server, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 1 });
    browser = await launchChromium();
  });

  screenshotFailures(SUITE, () => page);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  /** Logs the candidate in again through the API (linking the WeChat of `wechatCode` when given): the tokens for H5. */
  async function signIn(booked: Booked, wechatCode?: string) {
    const api = new ApiClient(server.baseUrl);
    let wechatToken: string | undefined;
    if (wechatCode) {
      const wechat = await api.post<{ linked: boolean; wechatToken: string }>('/api/accounts/wechat-login', {
        code: wechatCode,
      });
      expect(wechat.status, wechat.text).toBe(200);
      expect(wechat.body.linked).toBe(false);
      wechatToken = wechat.body.wechatToken;
    }
    const login = await api.post<{ accessToken: string; refreshToken: string }>('/api/accounts/login', {
      account: booked.candidate.ticketNo,
      password: booked.session.password,
      wechatToken,
    });
    expect(login.status, login.text).toBe(200);
    return login.body;
  }

  /** A phone with the candidate signed in (and, when given, the simulated WeChat user of this browser). */
  async function phoneFor(booked: Booked, tokens: { accessToken: string; refreshToken: string }, openid?: string) {
    const context = await phoneContext(browser, server.baseUrl);
    contexts.push(context);
    await signInH5(context, tokens);
    if (openid) await seedTaroStorage(context, SIM_OPENID_KEY, openid);
    return context.newPage();
  }

  /** Opens 缴费 for the order and types the ID number again. */
  async function openPayment(p: Page, booked: Booked): Promise<void> {
    await openMiniPage(p, 'payment', `outTradeNo=${booked.outTradeNo}`);
    await p.locator('#order-no').filter({ hasText: booked.outTradeNo }).waitFor();
    await seeText(p, '应缴 ¥70.00');
    await fillInput(p, 'pay-id-card', booked.candidate.idCardNo);
  }

  const orderState = async (outTradeNo: string) =>
    (await server.db.models.PaymentOrder.findOne({ where: { outTradeNo }, rejectOnEmpty: true })).state;

  it('lets a candidate who linked WeChat back out of the payment sheet, then pay in the mini-program', async () => {
    const booked = await holdAndConfirm(server, catalog, 2);
    const openid = `oH5e2e${randomBytes(6).toString('hex')}`;
    const tokens = await signIn(booked, (await server.simulator.loginCode(openid)).code);
    const linked = await server.db.models.Candidate.findByPk(booked.candidate.candidateId, { rejectOnEmpty: true });
    expect(linked.wechatOpenid).toBe(openid);
    page = await phoneFor(booked, tokens, openid);
    await openPayment(page, booked);
    await screenshot(page, SUITE, '01-order-and-id');

    // The payment sheet opens; backing out leaves the order unpaid, said on the page rather than as an error.
    await page.locator('#pay-wechat').tap();
    const sheet = await answerModal(page, '支付 ¥70.00', 'cancel');
    expect(sheet).toContain('¥70.00');
    await seeText(page, '已取消支付，订单尚未缴费');
    await page.locator('.order-card .badge', { hasText: '待缴费' }).waitFor();
    expect(await page.locator('.pay-error').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.taro__toast').filter({ visible: true }).count()).toBe(0);
    expect(await orderState(booked.outTradeNo)).toBe('created');
    expect((await server.simulator.payOrder(booked.outTradeNo)).tradeState).toBe('NOTPAY');
    await screenshot(page, SUITE, '02-payment-cancelled');

    // Again, and this time confirm: WeChat Pay charges this browser's WeChat user, the result page shows it paid.
    await page.locator('#pay-wechat').tap();
    await answerModal(page, '支付 ¥70.00');
    await seeText(page, '缴费成功', 20_000);
    const badges = page.locator('#result-badges');
    await badges.getByText('已缴费').waitFor();
    await badges.getByText('已确认').waitFor();
    await waitForOrder(server, booked.outTradeNo, 'paid');
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    expect(order.channel).toBe('jsapi');
    expect(order.payerOpenid).toBe(openid);
    await screenshot(page, SUITE, '03-paid-confirmed');

    await page.getByText('查看我的报考').tap();
    await page.locator('.my-bookings-page').filter({ visible: true }).waitFor();
    await expect
      .poll(() => page!.locator('.item-state', { hasText: '已缴费' }).filter({ visible: true }).count())
      .toBe(2);
    await screenshot(page, SUITE, '04-my-bookings-paid');
  });

  it('lets a candidate back out of the payment sheet and scan the QR code instead', async () => {
    const booked = await holdAndConfirm(server, catalog, 2);
    const openid = `oH5e2e${randomBytes(6).toString('hex')}`;
    page = await phoneFor(booked, await signIn(booked, (await server.simulator.loginCode(openid)).code), openid);
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    await openPayment(page, booked);
    await page.locator('#pay-wechat').tap();
    await answerModal(page, '支付 ¥70.00', 'cancel');
    await seeText(page, '已取消支付，订单尚未缴费');

    // WeChat Pay will not take the same order number for a QR code: the first order is closed, ours renumbered.
    await page.locator('#pay-native').tap();
    await page.locator('#pay-qr-code').waitFor();
    const renumbered = (await order.reload()).outTradeNo;
    expect(renumbered).not.toBe(booked.outTradeNo);
    expect((await server.simulator.payOrder(booked.outTradeNo)).tradeState).toBe('CLOSED');
    await page.locator('#order-no').filter({ hasText: renumbered }).waitFor();
    await screenshot(page, SUITE, '06-switched-to-qr');

    await server.simulator.scan(renumbered);
    await seeText(page, '缴费成功', 20_000);
    await page.locator('#result-badges').getByText('已缴费').waitFor();
    await waitForOrder(server, renumbered, 'paid');
  });

  it('tells a candidate who never linked WeChat why in-app payment is refused and keeps 扫码支付', async () => {
    const booked = await holdAndConfirm(server, catalog, 2);
    page = await phoneFor(booked, await signIn(booked));
    await openPayment(page, booked);

    await page.locator('#pay-wechat').tap();
    await page
      .locator('.pay-error')
      .filter({ hasText: errorMessage('WECHAT_NOT_LINKED') })
      .waitFor();
    // Said once, under the ID field: no payment sheet, no toast over the form, both ways to pay still offered.
    expect(await page.locator('.taro-modal__content').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.taro__toast').filter({ visible: true }).count()).toBe(0);
    await page.locator('#pay-native').filter({ hasText: '扫码支付' }).waitFor();
    await expect.poll(() => page!.locator('#pay-native').getAttribute('disabled')).toBeNull();
    await expect.poll(() => page!.locator('#pay-wechat').getAttribute('disabled')).toBeNull();
    expect(await orderState(booked.outTradeNo)).toBe('created');
    await screenshot(page, SUITE, '05-wechat-not-linked');
  });
});
