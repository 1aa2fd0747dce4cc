import { maskIdCardNo } from '@kaowei/shared';
import { insertCandidateWithTicket, insertCatalog, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-records';
const inBrowser = browserSessions(SUITE);

describe('officials’ admin in the browser: 合档 of two records of one person, and the passed courses', () => {
  let server: TestServer;
  let browser: Browser;
  let province: { id: number; username: string };
  let county: { id: number; username: string };
  let countyId: number;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    const catalog = await insertCatalog(server.db, { capacity: 5 });
    countyId = catalog.countyId;
    province = await insertOfficial(server.db, 'province');
    county = await insertOfficial(server.db, 'county', { countyId });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openDetail(page: Page, username: string, candidateId: number) {
    await signIn(page, username);
    await page.goto(`/admin/candidates/${candidateId}`);
    await page.getByRole('heading', { name: '考生详情' }).waitFor();
  }

  it('the province previews what moves, confirms with a reason, and sees both tickets and the passed course', async () => {
    const keep = await insertCandidateWithTicket(server.db, 'e2e-merge-keep');
    const other = await insertCandidateWithTicket(server.db, 'e2e-merge-other');
    await server.db.models.Candidate.update({ name: '钱合档', countyId }, { where: { id: keep.candidateId } });
    const course = await server.db.models.Course.findOne();
    await server.db.models.PassedCourse.create({
      ticketId: other.ticketId,
      courseId: course!.id,
      periodCode: '201904',
      score: 72,
      grade: null,
      passedBy: 'exempt',
    });
    const reason = '同一考生的两份档案，旧系统证件号码录入错误';

    await inBrowser(browser, server.baseUrl, 'merge', async (page) => {
      await openDetail(page, province.username, keep.candidateId);
      await page.getByRole('heading', { name: '钱合档' }).waitFor();
      await page.getByRole('button', { name: '合档' }).click();
      const dialog = page.getByRole('dialog', { name: '合档' });
      await dialog.getByLabel('另一份档案').fill(other.idCardNo);
      await dialog.getByRole('button', { name: '预览' }).click();
      const preview = dialog.getByRole('form', { name: '合档预览' });
      await expectText(preview, '准考证：1 条');
      await expectText(preview, '已合格课程：1 条');
      await expectText(preview, maskIdCardNo(other.idCardNo));
      expect(await dialog.innerText()).not.toContain(other.idCardNo);
      await screenshot(page, SUITE, '01-merge-preview');
      await preview.locator('textarea[name=reason]').fill(reason);
      await preview.getByRole('button', { name: '确认合档' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText(`已合档：考生 ${other.candidateId} 的 1 张准考证`).waitFor();
      const tickets = page.getByRole('table', { name: '准考证列表' });
      await expectCount(tickets.locator('tbody tr'), 2);
      await expectText(tickets, other.ticketNo);
      const passed = page.getByRole('table', { name: '已合格课程' });
      await expectText(passed, course!.code);
      await expectText(passed, '免考');
      await expectText(passed, '201904');
      await screenshot(page, SUITE, '02-merged');
    });

    const audit = await server.db.models.AuditLog.findOne({ where: { action: 'candidate.merge' } });
    expect(audit).toMatchObject({ reason, actorId: province.id, entityId: String(keep.candidateId) });
    expect((await server.db.models.Candidate.findByPk(other.candidateId))!.mergedIntoId).toBe(keep.candidateId);
  });

  it('a county office sees the record but is offered no 合档', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'e2e-merge-county');
    await server.db.models.Candidate.update({ name: '孙县办', countyId }, { where: { id: candidate.candidateId } });
    await inBrowser(browser, server.baseUrl, 'county-no-merge', async (page) => {
      await openDetail(page, county.username, candidate.candidateId);
      await page.getByRole('heading', { name: '孙县办' }).waitFor();
      await page.getByRole('button', { name: '重置密码' }).waitFor();
      await expectCount(page.getByRole('button', { name: '合档' }), 0);
    });
  });
});
