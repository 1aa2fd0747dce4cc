import { maskIdCardNo, maskPhone } from '@kaowei/shared';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdAndConfirm, payByScan, refundAbnormally } from '@kaowei/server/test/support/bookingFlows';
import { randomPhone } from '@kaowei/server/test/support/apiClient';
import { insertCandidateWithTicket, insertOfficial, insertRegistration } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { signInH5 } from './support/h5Candidate';
import { openMiniPage } from './support/miniprogram';

const SUITE = 'admin-casework';
const inBrowser = browserSessions(SUITE);

describe('officials’ admin in the browser (and the candidate’s phone): a failed refund explained and settled, reviewing with the full ID, the counter candidate', () => {
  let server: TestServer;
  let browser: Browser;
  /** One city, two counties: the county official works in the first, the neighbour in the second. */
  let catalog: BookingCatalog;
  let county: { id: number; username: string };
  let neighbour: { id: number; username: string };
  let city: { id: number; username: string };

  beforeAll(async () => {
    ensureBuilt('admin');
    ensureBuilt('h5');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 2 });
    county = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });
    neighbour = await insertOfficial(server.db, 'county', { countyId: catalog.counties[1]!.countyId });
    city = await insertOfficial(server.db, 'city', { cityId: catalog.cityId });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A paid order whose refund WeChat Pay could not pay back (the card was cancelled). */
  let booked: Awaited<ReturnType<typeof holdAndConfirm>> | undefined;

  it('a candidate whose refund failed reads on 我的报考 what 退款异常 means and which office to call', async () => {
    booked = await holdAndConfirm(server, catalog, 1, 0);
    await server.db.models.Candidate.update({ name: '赵退款' }, { where: { id: booked.candidate.candidateId } });
    await payByScan(server, booked);
    await refundAbnormally(server, booked);

    const context = await phoneContext(browser, server.baseUrl);
    try {
      await signInH5(context, booked.session);
      const page = await context.newPage();
      await openMiniPage(page, 'my-bookings');
      const notice = page.locator('.refund-abnormal').filter({ visible: true });
      await notice.waitFor();
      const text = await notice.innerText();
      expect(text).toContain('退款异常');
      expect(text).toContain('未能把报考费退回您原来的付款账户');
      expect(text).toContain('这笔钱不会丢失');
      expect(text).toContain(`${catalog.counties[0]!.name}考办`);
      await screenshot(page, SUITE, '00-candidate-refund-abnormal');
    } finally {
      await context.close();
    }
  });

  it('a county official settles the abnormal refund with a note: the row names the candidate with a masked phone, the audit log keeps the note', async () => {
    expect(booked, 'the previous test made the failed refund').toBeDefined();
    const note = '原支付银行卡已注销，已于今日通过银行转账退还考生';
    await inBrowser(browser, server.baseUrl, 'settle-exception', async (page) => {
      await signIn(page, county.username);
      await page.getByRole('link', { name: '异常处理' }).click();
      await page.getByRole('heading', { name: '异常处理' }).waitFor();
      const table = page.getByRole('table', { name: '资金异常列表' });
      const row = table.locator('tbody tr', { hasText: booked!.outTradeNo });
      await expectText(row, '退款异常');
      await expectText(row, '赵退款');
      await expectText(row, maskPhone(booked!.phone));
      await expectText(row, catalog.counties[0]!.name);
      expect(await page.locator('body').innerText()).not.toContain(booked!.phone);
      await screenshot(page, SUITE, '01-exception-row');

      await row.getByRole('button', { name: '处理' }).click();
      const dialog = page.getByRole('dialog', { name: '处理资金异常' });
      await expectText(dialog, '赵退款');
      await dialog.getByRole('button', { name: '确认已处理' }).click();
      await dialog.getByRole('alert').getByText('请填写原因').waitFor();
      await dialog.locator('textarea[name=reason]').fill(note);
      await screenshot(page, SUITE, '02-settle-dialog');
      await dialog.getByRole('button', { name: '确认已处理' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText(`已处理：退款异常 ${booked!.outTradeNo}`).waitFor();
      await expectCount(table.locator('tbody tr', { hasText: booked!.outTradeNo }), 0);
      await screenshot(page, SUITE, '03-settled');

      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByLabel('操作人').fill(county.username);
      await page.getByRole('button', { name: '查询' }).click();
      const audit = page.getByRole('table', { name: '审计日志列表' }).locator('tbody tr', { hasText: '处理资金异常' });
      await expectCount(audit, 1);
      await expectText(audit, note);
      await screenshot(page, SUITE, '04-settle-audited');
    });
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked!.outTradeNo },
      rejectOnEmpty: true,
    });
    expect(order.state).toBe('refunded');
  });

  it('the reviewing county sees the full ID number and birth date on the review screen (audited); the city office sees it masked', async () => {
    const application = await insertRegistration(server.db, {
      countyId: catalog.counties[0]!.countyId,
      majorId: catalog.majorId,
    });
    const { idCardNo } = application;
    const birthDate = `${idCardNo.slice(6, 10)}-${idCardNo.slice(10, 12)}-${idCardNo.slice(12, 14)}`;
    const openReview = async (page: Parameters<Parameters<typeof inBrowser>[3]>[0], username: string) => {
      await signIn(page, username);
      await page.getByRole('link', { name: '新生审核' }).click();
      const list = page.getByRole('table', { name: '注册申请列表' });
      const row = list.locator('tbody tr', { hasText: maskIdCardNo(idCardNo) });
      await expectCount(row, 1);
      expect(await list.innerText()).not.toContain(idCardNo);
      await row.click();
      const detail = page.getByLabel('申请详情');
      await detail.getByRole('heading', { name: '王审核' }).waitFor();
      return detail;
    };

    await inBrowser(browser, server.baseUrl, 'review-full-id', async (page) => {
      const detail = await openReview(page, county.username);
      await expectText(detail.getByLabel('证件号码'), idCardNo);
      await expectText(detail.getByLabel('出生日期'), birthDate);
      await screenshot(page, SUITE, '05-review-full-id');
    });
    const views = await server.db.models.AuditLog.findAll({
      where: { action: 'registration.view_identity', entityId: String(application.applicationId) },
    });
    expect(views.map((v) => v.actorId)).toEqual([county.id]);

    await inBrowser(browser, server.baseUrl, 'review-city-masked', async (page) => {
      const detail = await openReview(page, city.username);
      await expectText(detail.getByLabel('证件号码'), maskIdCardNo(idCardNo));
      await expectCount(detail.getByLabel('出生日期'), 0);
      expect(await page.locator('body').innerText()).not.toContain(idCardNo);
      await screenshot(page, SUITE, '06-review-city-masked');
    });
  });

  it('a county official finds at the counter a candidate registered in the county who never booked; the neighbouring county does not', async () => {
    const walkIn = await insertCandidateWithTicket(server.db, 'at the counter');
    await server.db.models.Candidate.update(
      { countyId: catalog.counties[0]!.countyId },
      { where: { id: walkIn.candidateId } },
    );
    const search = async (page: Parameters<Parameters<typeof inBrowser>[3]>[0], username: string) => {
      await signIn(page, username);
      await page.getByRole('link', { name: '考生查询' }).click();
      await page.getByLabel('查询考生').fill(walkIn.ticketNo);
      await page.getByRole('button', { name: '查询' }).click();
    };
    await inBrowser(browser, server.baseUrl, 'counter-search', async (page) => {
      await search(page, county.username);
      const found = page.getByRole('table', { name: '考生列表' }).locator('tbody tr', { hasText: walkIn.ticketNo });
      await expectText(found, catalog.counties[0]!.name);
      await found.getByRole('link', { name: '详情' }).click();
      await page.getByRole('heading', { name: '考生详情' }).waitFor();
      await page.getByRole('button', { name: '重置密码' }).waitFor();
      await screenshot(page, SUITE, '07-counter-candidate');

      // 修改考生信息: the county completes the ethnicity, with a reason (audited).
      await page.getByRole('button', { name: '修改信息' }).click();
      await page.getByLabel('民族').fill('汉族');
      await expectCount(page.getByLabel('新证件号码'), 0);
      await page.locator('textarea[name=reason]').fill('依据身份证原件补全民族');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByText('已修改考生信息').waitFor();
      await expectText(page.locator('dl.facts'), '汉族');
      await screenshot(page, SUITE, '08-candidate-edited');
    });
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'candidate.edit', entityId: String(walkIn.candidateId) },
    });
    expect(audit?.after).toEqual({ ethnicity: '汉族' });
    await inBrowser(browser, server.baseUrl, 'counter-neighbour', async (page) => {
      await search(page, neighbour.username);
      await page.getByText('未找到符合条件的考生').waitFor();
    });
  });

  it('a county official sees a phone bound in the county in the last days, masked, and undoes it with a reason', async () => {
    const bound = await insertCandidateWithTicket(server.db, 'recent binding', { phone: randomPhone() });
    await server.db.models.Candidate.update(
      { countyId: catalog.counties[0]!.countyId, name: '钱绑定' },
      { where: { id: bound.candidateId } },
    );
    const phone = (await server.db.models.Candidate.findByPk(bound.candidateId))!.phone!;
    await inBrowser(browser, server.baseUrl, 'recent-bindings', async (page) => {
      await signIn(page, county.username);
      await page.getByRole('link', { name: '近期绑定手机' }).click();
      const row = page.getByRole('table', { name: '近期绑定手机' }).locator('tbody tr', { hasText: '钱绑定' });
      await expectText(row, maskPhone(phone));
      expect(await page.locator('body').innerText()).not.toContain(phone);
      await screenshot(page, SUITE, '09-recent-bindings');
      await row.getByRole('button', { name: '撤销绑定' }).click();
      await page.locator('textarea[name=reason]').fill('考生本人到考办反映手机被他人绑定');
      await page.getByRole('button', { name: '确认撤销' }).click();
      await page.getByText('已撤销钱绑定的手机绑定').waitFor();
      await expectCount(
        page.getByRole('table', { name: '近期绑定手机' }).locator('tbody tr', { hasText: '钱绑定' }),
        0,
      );
    });
    expect((await server.db.models.Candidate.findByPk(bound.candidateId))!.phone).toBeNull();
  });
});
