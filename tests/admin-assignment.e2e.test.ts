import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { insertOfficial } from '@kaowei/server/test/support/fixtures';
import {
  insertAssignmentWorld,
  insertBookedCandidate,
  type AssignmentWorld,
} from '@kaowei/server/test/support/assignmentWorld';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn } from './support/adminBrowser';
import { ARTIFACTS_DIR, launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { firstPageToPng, pdfFlatText } from './support/pdf';

const SUITE = 'admin-assignment';
const inBrowser = browserSessions(SUITE);

describe('考场编排 in the browser: the province runs it, sees the shortage, and moves a candidate', () => {
  let server: TestServer;
  let browser: Browser;
  let world: AssignmentWorld;
  let province: { id: number; username: string };

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    // County 0: 5 seats for 3 candidates; county 1: 2 seats for 3 candidates (short by 1).
    world = await insertAssignmentWorld(server.db, { units: 1, rooms: [[[5]], [[2]]] });
    for (const county of world.counties)
      for (let i = 0; i < 3; i++) await insertBookedCandidate(server.db, world, county.id, [{ unit: 0, course: 0 }]);
    province = await insertOfficial(server.db, 'province');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts a run for all counties, lists the county short of seats, and moves a candidate to a free seat', async () => {
    const [enough, short] = world.counties;
    await inBrowser(browser, server.baseUrl, 'run', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '考场编排' }).click();
      await page.goto(`/admin/assignment?periodId=${world.periodId}`);
      await page.getByRole('heading', { name: '考场编排' }).waitFor();
      await page.getByRole('button', { name: '开始编排' }).click();
      const progress = page.getByLabel('编排进度');
      await expectText(progress, '部分县区座位不足');
      await expectText(
        page.getByRole('list', { name: '座位不足' }),
        `${short!.name} 4月10日（周六）上午 9:00–11:30 缺 1 个座位`,
      );
      const fill = page.getByRole('table', { name: '编排情况' }).locator('tbody tr');
      await expectCount(fill, 2);
      const enoughRow = fill.filter({ hasText: enough!.name });
      await expectText(enoughRow, '3');
      await screenshot(page, SUITE, '01-run');

      await enoughRow.getByRole('button', { name: '查看考场' }).click();
      await page.getByRole('table', { name: '考场' }).getByRole('button', { name: '座次', exact: true }).click();
      const seats = page.getByRole('table', { name: '座次' }).locator('tbody tr');
      await expectCount(seats, 5);
      await seats.first().getByRole('button', { name: '调整座位' }).click();
      await page.getByLabel('座位号').fill('5');
      await page.getByLabel('原因（必填，记入审计日志）').fill('靠近门口便于照顾');
      await page.getByRole('button', { name: '调整', exact: true }).click();
      await expect.poll(() => seats.nth(4).innerText(), POLL).toContain('测试考生');
      await expect.poll(() => seats.first().innerText(), POLL).toContain('空座');
      await screenshot(page, SUITE, '02-moved');
    });
    const audit = await server.db.models.AuditLog.findOne({ where: { action: 'assignment.move' } });
    expect(audit?.reason).toBe('靠近门口便于照顾');
    expect(
      await server.db.models.SeatAssignment.count({ where: { periodId: world.periodId, countyId: short!.id } }),
    ).toBe(0);
  });
});

describe('考场编排 in the browser: a county office runs its county and downloads a room roster', () => {
  let server: TestServer;
  let browser: Browser;
  let world: AssignmentWorld;
  let office: { id: number; username: string };
  const names = ['上官婉儿', '欧阳修文', '司马光明', '诸葛亮亮'];

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    // One venue with two rooms of 3 seats; 4 candidates of one course: 3 in room 1, 1 in room 2.
    world = await insertAssignmentWorld(server.db, { units: 1, rooms: [[[3, 3]]] });
    const county = world.counties[0]!;
    for (const name of names) {
      const person = await insertBookedCandidate(server.db, world, county.id, [{ unit: 0, course: 0 }]);
      await server.db.models.Candidate.update({ name }, { where: { id: person.candidateId } });
    }
    office = await insertOfficial(server.db, 'county', { countyId: county.id });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an office runs the assignment and downloads a room roster', async () => {
    const county = world.counties[0]!;
    const dir = path.join(ARTIFACTS_DIR, SUITE);
    mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'roster-room1.pdf');
    await inBrowser(browser, server.baseUrl, 'roster', async (page) => {
      await signIn(page, office.username);
      await page.goto(`/admin/assignment?periodId=${world.periodId}`);
      await page.getByRole('heading', { name: '考场编排' }).waitFor();
      await page.getByRole('button', { name: '开始编排' }).click();
      await expectText(page.getByLabel('编排进度'), '已完成');
      const row = page.getByRole('table', { name: '编排情况' }).locator('tbody tr').filter({ hasText: county.name });
      await row.getByRole('button', { name: '查看考场' }).click();
      const rooms = page.getByRole('table', { name: '考场' }).locator('tbody tr');
      await expectCount(rooms, 2);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        rooms.first().getByRole('button', { name: '下载第1考场座次表PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toContain('座次表');
      await download.saveAs(pdf);
      await screenshot(page, SUITE, '03-roster');
    });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfFlatText(pdf);
    expect(text).toContain('座次表');
    expect(text).toContain('第1考场');
    const seated = await server.db.models.SeatAssignment.findAll({ where: { roomId: county.roomIds[0] } });
    expect(seated).toHaveLength(3);
    const people = await server.db.models.Candidate.findAll({ where: { id: seated.map((s) => s.candidateId) } });
    for (const person of people) expect(text).toContain(person.name);
    const elsewhere = names.filter((n) => !people.some((p) => p.name === n));
    expect(elsewhere).toHaveLength(1);
    expect(text).not.toContain(elsewhere[0]);
    expect(firstPageToPng(pdf, path.join(dir, 'roster-page1')).subarray(1, 4).toString()).toBe('PNG');
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'export.roster_seats', actorId: office.id },
    });
    expect(audit).not.toBeNull();
  });
});
