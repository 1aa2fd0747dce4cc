import { maskPhone } from '@kaowei/shared';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdCourses } from '@kaowei/server/test/support/bookingFlows';
import { insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { deliverDue } from '@kaowei/server/src/modules/notifications/deliveryWorker';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-notices';
const inBrowser = browserSessions(SUITE);

describe('officials’ admin in the browser: a bulk notice to one county, then its delivery log', () => {
  let server: TestServer;
  let browser: Browser;
  /** One city, two counties: two candidates hold seats in the first county, one in the second. */
  let catalog: BookingCatalog;
  let city: { id: number; username: string };
  const candidates: Array<{ name: string; phone: string; county: number }> = [];

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 2 });
    city = await insertOfficial(server.db, 'city', { cityId: catalog.cityId });
    for (const [name, county] of [
      ['甲县考生一', 0],
      ['甲县考生二', 0],
      ['乙县考生一', 1],
    ] as const) {
      const held = await holdCourses(server, catalog, 1, county);
      await server.db.models.Candidate.update(
        { name, countyId: catalog.counties[county]!.countyId },
        { where: { id: held.candidate.candidateId } },
      );
      candidates.push({ name, phone: held.phone, county });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the city office sends a notice to the first county: count and preview, confirmed with a reason', async () => {
    const first = catalog.counties[0]!;
    await inBrowser(browser, server.baseUrl, 'send-notice', async (page) => {
      await signIn(page, city.username);
      await page.getByRole('link', { name: '群发通知' }).click();
      await page.getByRole('heading', { name: '群发通知' }).waitFor();
      // Other files' periods share the run's database: pick this one's rather than the newest.
      await page.getByLabel('考次', { exact: true }).selectOption(String(catalog.periodId));
      await page.getByLabel('县（市、区）').selectOption(String(first.countyId));
      await page.locator('input[name=title]').fill('考点变更');
      await page.locator('textarea[name=body]').fill('第一考点改至市第二中学，请按新考点参加考试。');
      await page.getByRole('button', { name: '统计人数并预览' }).click();
      const preview = page.getByLabel('通知预览');
      await expectText(preview, '将通知 2 名考生');
      await expectText(preview, '考点变更：第一考点改至市第二中学');
      await screenshot(page, SUITE, '01-preview');

      await preview.getByRole('button', { name: '发送通知' }).click();
      const dialog = page.getByRole('dialog', { name: '确认发送群发通知' });
      await dialog.getByRole('button', { name: '确认发送' }).click();
      await dialog.getByRole('alert').getByText('请填写原因').waitFor();
      await dialog.locator('textarea[name=reason]').fill('第一考点教学楼维修');
      await dialog.getByRole('button', { name: '确认发送' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('已提交：通知 2 名考生').waitFor();
      const row = page.getByRole('table', { name: '群发记录列表' }).locator('tbody tr', { hasText: '考点变更' });
      await expectCount(row, 1);
      await expectText(row, '第一考点教学楼维修');
      await screenshot(page, SUITE, '02-sent');
    });
  });

  it('after the delivery worker runs, 消息发送记录 shows the first county’s candidates, phones masked, none of the second', async () => {
    // The worker's clock: when the notice's last message may go (the real time, unless it is night in Beijing).
    const [notice] = await server.db.sequelize.query<{ id: number; sends_until: Date }>(
      'SELECT id, sends_until FROM notices ORDER BY id DESC LIMIT 1',
      { type: QueryTypes.SELECT },
    );
    // Other files' messages share the run's database and may go in the same round: look at this notice's own.
    await deliverDue(server.services, { now: new Date(notice!.sends_until.getTime() + 1000), limit: 50 });
    const sent = await server.db.sequelize.query<{ state: string }>(
      'SELECT state FROM outbox_messages WHERE dedupe_key LIKE ? ORDER BY id',
      { replacements: [`notice:${notice!.id}:%`], type: QueryTypes.SELECT },
    );
    expect(sent.map((m) => m.state)).toEqual(['sent', 'sent']);

    await inBrowser(browser, server.baseUrl, 'delivery-log', async (page) => {
      await signIn(page, city.username);
      await page.getByRole('link', { name: '消息发送记录' }).click();
      await page.getByRole('heading', { name: '消息发送记录' }).waitFor();
      await page.getByLabel('消息类型').selectOption('notice');
      const rows = page.getByRole('table', { name: '消息发送记录' }).locator('tbody tr');
      await expectCount(rows, 2);
      for (const c of candidates.filter((x) => x.county === 0)) {
        const row = rows.filter({ hasText: c.name });
        await expectText(row, maskPhone(c.phone));
        await expectText(row, '已发送');
        await expectText(row, '考办通知');
        await expectText(row, catalog.counties[0]!.name);
      }
      const body = await page.locator('body').innerText();
      expect(body).not.toContain('乙县考生一');
      expect(body).not.toContain(catalog.counties[1]!.name);
      for (const c of candidates) expect(body).not.toContain(c.phone);
      await screenshot(page, SUITE, '03-delivery-log');

      await page.getByRole('link', { name: '群发通知' }).click();
      const row = page.getByRole('table', { name: '群发记录列表' }).locator('tbody tr', { hasText: '考点变更' });
      // 已发送 2, 待发送 0.
      await expect.poll(() => row.locator('td').nth(6).innerText(), POLL).toBe('2');
      await expect.poll(() => row.locator('td').nth(8).innerText(), POLL).toBe('0');
      await screenshot(page, SUITE, '04-notice-counts');
    });
  });
});
