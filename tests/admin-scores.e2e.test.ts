import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCORE_IMPORT_HEADERS } from '@kaowei/shared';
import { insertOfficial } from '@kaowei/server/test/support/fixtures';
import { insertScoreWorld, paidCandidate, type ScoreWorld } from '@kaowei/server/test/support/scoreWorld';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-scores';
const inBrowser = browserSessions(SUITE);

describe('成绩导入与发布 in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let world: ScoreWorld;
  let province: { id: number; username: string };
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'kaowei-scores-e2e-'));

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    world = await insertScoreWorld(server.db);
    province = await insertOfficial(server.db, 'province');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function workbook(name: string, rows: unknown[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('成绩').addRows([[...SCORE_IMPORT_HEADERS], ...rows]);
    const file = path.join(workDir, name);
    await book.xlsx.writeFile(file);
    return file;
  }

  it('an office imports scores with one bad row, then publishes', async () => {
    const [first, second] = [await paidCandidate(server.db, world), await paidCandidate(server.db, world)];
    const { a, c } = world.courses;
    const good = [
      [first.ticketNo, a.code, 88, '', ''],
      [first.ticketNo, c.code, '', '合格', ''],
      [second.ticketNo, a.code, '', '', '缺考'],
    ];
    const badFile = await workbook('成绩-有误.xlsx', [...good.slice(0, 2), [second.ticketNo, a.code, 120, '', '']]);
    const fixedFile = await workbook('成绩.xlsx', good);

    await inBrowser(browser, server.baseUrl, 'scores', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '成绩导入与发布' }).click();
      await page.getByRole('heading', { name: '成绩导入与发布' }).waitFor();
      await page.getByLabel('考次').selectOption(String(world.periodId));
      await expectText(page.getByLabel('发布状态'), '尚未设置发布时间');

      await page.locator('input[name=scoresFile]').setInputFiles(badFile);
      await page.getByRole('button', { name: '上传并检查' }).click();
      const job = page.getByRole('region', { name: '导入任务' });
      await expectText(job, '共 3 行，其中 1 行有误，未导入任何数据');
      const errorRows = job.getByRole('table', { name: '错误行' }).locator('tbody tr');
      await expectCount(errorRows, 1);
      await expectText(errorRows.first(), '成绩“120”不正确，应为0至100的整数');
      await expect.poll(() => errorRows.first().locator('td').nth(1).innerText(), POLL).toBe('4');
      expect(await job.getByRole('button', { name: '开始导入' }).count()).toBe(0);
      await screenshot(page, SUITE, '01-bad-row');
      expect(await server.db.models.Score.count({ where: { periodId: world.periodId } })).toBe(0);

      await page.locator('input[name=scoresFile]').setInputFiles(fixedFile);
      await page.getByRole('button', { name: '上传并检查' }).click();
      await expectText(job, '检查完成：共 3 行，全部无误（尚未写入）');
      await job.getByRole('button', { name: '开始导入' }).click();
      const result = page.getByLabel('导入结果');
      await expectText(result, '成绩：新增 3，更新 0，未变 0');
      await expectText(result, '已合格课程：新增 2');

      // 成绩发布: tomorrow at 10:00 (the browser's local time).
      const tomorrow = new Date(Date.now() + 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      const local = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:00`;
      await page.getByLabel('成绩发布时间').fill(local);
      await page.getByRole('button', { name: '保存发布时间' }).click();
      await expectText(page.getByRole('region', { name: '成绩发布' }), '成绩发布时间已设为');
      await expectText(page.getByLabel('发布状态'), '发布前考生看不到成绩');
      await expectText(page.getByLabel('发布状态'), '本考次已有成绩 3 条');
      await screenshot(page, SUITE, '02-imported-and-scheduled');
    });
    const period = (await server.db.models.ExamPeriod.findByPk(world.periodId))!;
    expect(period.scoresPublishAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await server.db.models.Score.count({ where: { periodId: world.periodId } })).toBe(3);
    expect(await server.db.models.AuditLog.count({ where: { action: 'period.scores_publish_at' } })).toBe(1);
  });
});
