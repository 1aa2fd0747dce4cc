import { maskPhone } from '@kaowei/shared';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdAndConfirm, payByScan } from '@kaowei/server/test/support/bookingFlows';
import { insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '@kaowei/server/src/modules/notifications/deliveryWorker';
import { smsAllowedFrom } from '@kaowei/server/src/modules/notifications/quietHours';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-deliveries';
const inBrowser = browserSessions(SUITE);

describe('officials’ admin in the browser: the delivery log of their own county', () => {
  let server: TestServer;
  let browser: Browser;
  let catalog: BookingCatalog;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 2 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a county office the 缴费成功 SMS of its candidate, not the neighbour county’s', async () => {
    const paid: Array<Awaited<ReturnType<typeof holdAndConfirm>>> = [];
    for (const county of [0, 1]) {
      const booked = await holdAndConfirm(server, catalog, 1, county);
      await server.db.models.Candidate.update(
        { name: county === 0 ? '钱本县' : '孙邻县', countyId: catalog.counties[county]!.countyId },
        { where: { id: booked.candidate.candidateId } },
      );
      await payByScan(server, booked);
      paid.push(booked);
    }
    // At the first moment an SMS notice may go: the test passes in quiet hours (22:30–08:00 Beijing) too.
    await deliverDue(server.services, { now: smsAllowedFrom(new Date()) });
    const official = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });

    await inBrowser(browser, server.baseUrl, 'delivery-log', async (page) => {
      await signIn(page, official.username);
      await page.getByRole('link', { name: '消息发送记录' }).click();
      await page.getByRole('heading', { name: '消息发送记录' }).waitFor();
      const table = page.getByRole('table', { name: '消息发送记录' });
      const row = table.locator('tbody tr', { hasText: '钱本县' });
      await expectText(row, '缴费成功');
      await expectText(row, '短信');
      await expectText(row, '已发送');
      await expectText(row, maskPhone(paid[0]!.phone));
      await expectCount(table.locator('tbody tr', { hasText: '孙邻县' }), 0);
      // 通知设置: a county office sees which events also go by SMS, and cannot change them.
      const smsAlso = page.getByRole('region', { name: '通知设置' }).getByRole('checkbox', { name: '退费异常' });
      await smsAlso.waitFor();
      expect(await smsAlso.isDisabled()).toBe(true);
    });
  });
});
