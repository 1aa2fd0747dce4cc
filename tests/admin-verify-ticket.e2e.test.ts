import { insertBookingItem, seatItem } from '@kaowei/server/test/support/admission';
import { insertBookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { insertCandidateWithTicket, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { beijingDateString } from '@kaowei/server/src/lib/beijingTime';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { browserSessions, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-verify-ticket';
const inBrowser = browserSessions(SUITE);

/** Issue #14: at the door, a county official opens /verify with a ticket's QR token and sees who sits where today. */
describe('admin 准考证核验 in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A candidate with one paid course sitting today in 青羊实验中学考点, and a county official of that county. */
  async function seatedToday(name: string) {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 1 });
    const countyId = catalog.counties[0]!.countyId;
    const unitId = catalog.units[0]!.unitId;
    await server.db.models.ExamUnit.update({ examDate: beijingDateString(new Date()) }, { where: { id: unitId } });
    server.db.catalog.invalidate();
    const candidate = await insertCandidateWithTicket(server.db, 'verify');
    await server.db.models.Candidate.update({ name }, { where: { id: candidate.candidateId } });
    const course = await server.db.models.Course.findOne({
      where: { code: catalog.units[0]!.codes[0]! },
      rejectOnEmpty: true,
    });
    const item = await insertBookingItem(server.db, {
      candidateId: candidate.candidateId,
      ticketId: candidate.ticketId,
      periodId: catalog.periodId,
      countyId,
      unitId,
      courseId: course.id,
    });
    await seatItem(server.db, item, { venueName: '青羊实验中学考点', address: '青华路8号', roomNo: 3, seatNo: 21 });
    const official = await insertOfficial(server.db, 'county', { countyId });
    return { candidate, official, periodId: catalog.periodId };
  }

  it('shows the holder and today’s seat of a scanned ticket', async () => {
    const { candidate, official, periodId } = await seatedToday('核验考生');
    const token = server.services.tokens.sign('ticket-verify', { sub: `${candidate.candidateId}:${periodId}` });

    await inBrowser(browser, server.baseUrl, 'verify', async (page) => {
      await signIn(page, official.username);
      await page.goto(`/admin/verify?token=${encodeURIComponent(token)}`);
      const result = page.getByLabel('核验结果');
      await expectText(result, '核验考生');
      await expectText(result, candidate.ticketNo);
      await expectText(result, '青羊实验中学考点（青华路8号）');
      await expectText(result, '第3考场');
      await expectText(result, '21号');
      await screenshot(page, SUITE, 'verified');
    });
  });

  it('补发准考证 on the candidate’s page voids the print made before it at the door', async () => {
    const { candidate, official, periodId } = await seatedToday('补发考生');
    const printed = server.services.tokens.sign('ticket-verify', { sub: `${candidate.candidateId}:${periodId}` });

    await inBrowser(browser, server.baseUrl, 'reissue', async (page) => {
      await signIn(page, official.username);
      await page.goto(`/admin/candidates/${candidate.candidateId}`);
      const tickets = page.getByLabel('各考次准考证');
      await expectText(tickets, '1 门');
      await page.getByRole('button', { name: '补发准考证' }).click();
      await page.locator('textarea[name="reason"]').fill('考生准考证遗失，本人到考办申请');
      await page.getByRole('button', { name: '确认补发' }).click();
      await expectText(page.locator('body'), '请通知考生重新下载打印');
      await expectText(tickets, '第1次');
      await screenshot(page, SUITE, 'reissued');

      await page.goto(`/admin/verify?token=${encodeURIComponent(printed)}`);
      await expectText(page.locator('body'), '该准考证已作废，请使用补发的准考证');
      await screenshot(page, SUITE, 'superseded');
    });
  });
});
