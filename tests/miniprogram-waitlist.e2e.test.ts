import { holdAndConfirm, payByScan } from '@kaowei/server/test/support/bookingFlows';
import type { BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { formatBeijing } from '@kaowei/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { insertCurrentCatalog, readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';
import { smsCodeAfter } from './support/miniprogram';
import { answerModal, fillInput, pickOption } from './support/taroH5';

const SUITE = 'miniprogram-waitlist';

/**
 * Issue #17 (候补) in the H5 build on a phone screen: a unit is full in the candidate's county; they join its
 * waitlist with the SMS code and see their place; another candidate's refund frees the seat, and 我的报考 shows
 * it held for them with the time to pay by.
 */
describe('mini-program waitlist (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let catalog: BookingCatalog;
  let candidate: ReadyCandidate;

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCurrentCatalog(server, { capacity: 1, units: 2, coursesPerUnit: 2, counties: 1 });
    candidate = await readyCandidate(server, { majorId: catalog.majorId });
    browser = await launchChromium();
    context = await phoneContext(browser, server.baseUrl);
    await signInH5(context, candidate);
    page = await context.newPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await screenshot(page, SUITE, `failed-${task.name.slice(0, 20)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('joins the line of a full unit, and sees the seat a refund frees held with its pay-by time', async () => {
    // Unit 1's only seat in the county is paid for by someone else.
    const holder = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, holder);
    const city = await server.db.models.City.findByPk(catalog.cityId, { rejectOnEmpty: true });
    const county = catalog.counties[0]!;
    const wanted = catalog.units[0]!.codes[1]!;

    await page.goto('/#/pages/booking/index');
    await page.locator('#notice-ack').tap();
    await page.locator('#notice-next').tap();
    await pickOption(page, page.locator('#city-picker'), city.name);
    await pickOption(page, page.locator('#county-picker'), county.name);
    await page.locator('#unit-1').getByText('考位已满').waitFor();
    await fillInput(page, 'course-code', wanted);
    await page.locator('#add-course').tap();

    // Asking for the hold code meets the full unit; declining to drop it leaves 候补 on offer.
    await page.locator('#hold-send-code').tap();
    await answerModal(page, '是否清空没有考位的报考课程并发送短信', 'cancel');
    const panel = page.locator('#waitlist-panel');
    await panel.getByText('可加入候补').waitFor();
    await page.locator(`#waitlist-choose-${wanted}`).tap();
    const smsCode = await smsCodeAfter(server.simulator, candidate.phone, () =>
      page.locator('#waitlist-send-code').tap(),
    );
    await fillInput(page, 'waitlist-sms', smsCode);
    await page.locator('#join-waitlist').tap();
    await panel.getByText('当前排第 1 位').waitFor();
    await panel.getByText('候补中').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, SUITE, '01-joined');

    // The holder's refund frees the seat: it is held for the candidate at once.
    const refund = await holder.api.post('/api/payments/refunds', {
      outTradeNo: holder.outTradeNo,
      reason: '时间冲突',
    });
    expect(refund.status, refund.text).toBe(200);
    const payByOf = async () => {
      const [row] = await server.db.sequelize.query<{ pay_by: Date | null }>(
        'SELECT pay_by FROM booking_items WHERE candidate_id = ? AND active = 1',
        { replacements: [candidate.candidateId], type: QueryTypes.SELECT },
      );
      return row?.pay_by ?? null;
    };
    await expect.poll(payByOf, { timeout: 10_000 }).not.toBeNull();
    const payBy = (await payByOf())!;

    await page.goto('/#/pages/my-bookings/index');
    const bookings = page.locator('.my-bookings-page');
    await bookings.locator('.booking-item').getByText(wanted).waitFor();
    await bookings.locator('.booking-item .item-state').getByText('已保存').waitFor();
    await bookings
      .getByText(`候补考位，请于 ${formatBeijing(payBy)} 前确认并缴费`)
      .first()
      .waitFor();
    await page.locator('#my-waitlist').getByText('已候补成功').waitFor();
    await screenshot(page, SUITE, '02-seat-held');
  });
});
