import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CERTIFICATE_HEADERS } from '@kaowei/shared';
import { insertBookingItem } from '@kaowei/server/test/support/admission';
import {
  insertCandidateWithTicket,
  insertCatalog,
  insertOfficial,
  type CatalogFixture,
} from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-certificates';
const inBrowser = browserSessions(SUITE);

describe('成绩统计 and 证书导入 in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let catalog: CatalogFixture;
  let province: { id: number; username: string };
  let county: { id: number; username: string };
  let ticketNo: string;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'kaowei-certificates-e2e-'));

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertCatalog(server.db, { capacity: 20 });
    province = await insertOfficial(server.db, 'province');
    county = await insertOfficial(server.db, 'county', { countyId: catalog.countyId });
    for (const score of [95, 72, 58]) {
      const who = await insertCandidateWithTicket(server.db, 'scores');
      ticketNo = who.ticketNo;
      const base = { candidateId: who.candidateId, ticketId: who.ticketId, periodId: catalog.periodId };
      const course = { ...base, courseId: catalog.courseIds[0]! };
      await insertBookingItem(server.db, { ...course, countyId: catalog.countyId, unitId: catalog.unitId });
      await server.db.models.Score.create({ ...course, score, passed: score >= 60 });
      await server.db.models.Ticket.update({ majorId: catalog.majorId }, { where: { id: who.ticketId } });
    }
    await server.db.models.ExamPeriod.update(
      { scoresPublishAt: new Date(Date.now() + 86_400_000) },
      { where: { id: catalog.periodId } },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('the province sees the numbers and the chart; a county office waits for the publish time', async () => {
    await inBrowser(browser, server.baseUrl, 'province', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '成绩统计' }).click();
      await page.goto(`/admin/score-stats?periodId=${catalog.periodId}`);
      const table = page.getByRole('table', { name: '成绩统计' });
      await expectCount(table.locator('tbody tr'), 1);
      await expectText(table.locator('tbody tr').first(), '66.7%');
      await page.getByRole('figure', { name: '成绩分布' }).waitFor();
      await screenshot(page, SUITE, '01-score-stats');
    });
    await inBrowser(browser, server.baseUrl, 'county', async (page) => {
      await signIn(page, county.username);
      await page.goto(`/admin/score-stats?periodId=${catalog.periodId}`);
      await page.getByText('发布后方可查看统计和导出').waitFor();
      await page.goto('/admin/imports/certificates');
      await page.getByText('证书导入由省考试院进行').waitFor();
    });
  });

  it('证书导入 lists a bad row, then imports the fixed file', async () => {
    const write = (name: string, rows: string[][]) => {
      const file = path.join(workDir, name);
      writeFileSync(file, `\uFEFF${[[...CERTIFICATE_HEADERS], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);
      return file;
    };
    const good = ['ZSE2E0001', ticketNo, catalog.majorCode, '2026-12-01'];
    const bad = write('证书-有误.csv', [good, ['ZSE2E0002', ticketNo, catalog.majorCode, '2026-02-30']]);
    const fixed = write('证书.csv', [good]);
    await inBrowser(browser, server.baseUrl, 'certificates', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '证书导入' }).click();
      await page.locator('input[name=certificateFile]').setInputFiles(bad);
      await page.getByRole('button', { name: '上传并检查' }).click();
      const job = page.getByRole('region', { name: '导入任务' });
      await expectText(job, '共 2 行，其中 1 行有误');
      await expectText(job.getByRole('table', { name: '错误行' }), '毕业日期“2026-02-30”不正确');
      await page.locator('input[name=certificateFile]').setInputFiles(fixed);
      await page.getByRole('button', { name: '上传并检查' }).click();
      await job.getByRole('button', { name: '开始导入' }).click();
      await expectText(page.getByLabel('导入结果'), '证书：新增 1，更新 0，未变 0');
      await screenshot(page, SUITE, '02-certificates-imported');
    });
  });
});
