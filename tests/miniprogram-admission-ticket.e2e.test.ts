import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { insertBookingItem, openPrintWindow, seatItem } from '@kaowei/server/test/support/admission';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, phoneContext, screenshot, screenshotFailures } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { firstPageToPng, pdfFlatText } from './support/pdf';
import { readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';

const SUITE = 'miniprogram-admission-ticket';

/**
 * Issue #14: a candidate who has paid opens 我的 → 准考证打印 in the print window, sees the exams with venue, room and
 * seat, and downloads the PDF; its first page is rendered to PNG under tests/artifacts/.
 */
describe('mini-program 准考证打印 (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let catalog: BookingCatalog;
  let candidate: ReadyCandidate;
  let courseName: string;
  screenshotFailures(SUITE, () => page);

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 1 });
    candidate = await readyCandidate(server, { majorId: catalog.majorId });
    const m = server.db.models;
    const countyId = catalog.counties[0]!.countyId;
    const unitId = catalog.units[0]!.unitId;
    const course = await m.Course.findOne({ where: { code: catalog.units[0]!.codes[0]! }, rejectOnEmpty: true });
    courseName = course.name;
    const ticket = await m.Ticket.findOne({ where: { candidateId: candidate.candidateId }, rejectOnEmpty: true });
    const item = await insertBookingItem(server.db, {
      candidateId: candidate.candidateId,
      ticketId: ticket.id,
      periodId: catalog.periodId,
      countyId,
      unitId,
      courseId: course.id,
    });
    await seatItem(server.db, item, { venueName: '天府第三中学考点', address: '天府大道100号', roomNo: 8, seatNo: 15 });
    await openPrintWindow(server.db, catalog.periodId);
    browser = await launchChromium();
    context = await phoneContext(browser, server.baseUrl);
    await signInH5(context, candidate);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the exams with venue, room and seat, and downloads a PDF that renders', async () => {
    await page.goto('/#/pages/mine/index');
    await page.locator('#mine-admission-ticket').click();
    const card = page.locator(`#ticket-${catalog.periodId}`);
    await expect.poll(() => card.textContent()).toContain('天府第三中学考点');
    const shown = (await card.textContent()) ?? '';
    expect(shown).toContain(courseName);
    expect(shown).toContain('第8考场 15号');
    await screenshot(page, SUITE, 'ticket-page');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`#ticket-download-${catalog.periodId}`).click(),
    ]);
    const dir = path.join(ARTIFACTS_DIR, SUITE);
    mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'ticket.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfFlatText(pdf);
    expect(text).toContain(candidate.ticketNo);
    expect(text).toContain('天府第三中学考点');
    expect(firstPageToPng(pdf, path.join(dir, 'ticket-page1')).subarray(1, 4).toString()).toBe('PNG');
  });
});
