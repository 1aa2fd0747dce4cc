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

  it('shows the holder and today’s seat of a scanned ticket', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 1 });
    const countyId = catalog.counties[0]!.countyId;
    const unitId = catalog.units[0]!.unitId;
    await server.db.models.ExamUnit.update({ examDate: beijingDateString(new Date()) }, { where: { id: unitId } });
    server.db.catalog.invalidate();
    const candidate = await insertCandidateWithTicket(server.db, 'verify');
    await server.db.models.Candidate.update({ name: '核验考生' }, { where: { id: candidate.candidateId } });
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
    const token = server.services.tokens.sign('ticket-verify', { sub: `${candidate.candidateId}:${catalog.periodId}` });
    const official = await insertOfficial(server.db, 'county', { countyId });

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
});
