import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { ENROLLED_PASSED_HEADERS, ENROLLED_TICKET_HEADERS } from '@kaowei/shared';
import {
  freshIdCardNo,
  insertCatalog,
  insertOfficial,
  type CatalogFixture,
} from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-import';
const inBrowser = browserSessions(SUITE);

describe('考籍导入 in the browser: the province sees a bad row and its reason, then imports the fixed file', () => {
  let server: TestServer;
  let browser: Browser;
  let catalog: CatalogFixture;
  let province: { id: number; username: string };
  let county: { id: number; username: string };
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'kaowei-import-e2e-'));

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertCatalog(server.db, { capacity: 5 });
    province = await insertOfficial(server.db, 'province');
    county = await insertOfficial(server.db, 'county', { countyId: catalog.countyId });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const ticketNo = () => `78${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  const person = (no: string, name: string) => {
    const id = freshIdCardNo();
    const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
    return [no, '居民身份证', id, name, gender, '汉族', catalog.majorCode, catalog.countyCode, '有效', '', ''];
  };
  async function workbook(name: string, tickets: unknown[][], passed: unknown[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('考籍').addRows([[...ENROLLED_TICKET_HEADERS], ...tickets]);
    book.addWorksheet('已合格课程').addRows([[...ENROLLED_PASSED_HEADERS], ...passed]);
    const file = path.join(workDir, name);
    await book.xlsx.writeFile(file);
    return file;
  }

  it('a bad row is listed with its reason and nothing is written; the fixed file is imported with its summary', async () => {
    const course = (await server.db.models.Course.findByPk(catalog.courseIds[0]))!.code;
    const first = person(ticketNo(), '赵导入');
    const second = person(ticketNo(), '钱导入');
    const bad = [...second];
    bad[7] = '000000'; // a county that does not exist
    const passed = [[first[0], course, '202304', 88, '', '考试']];
    const badFile = await workbook('考籍-有误.xlsx', [first, bad], passed);
    const fixedFile = await workbook('考籍.xlsx', [first, second], passed);

    await inBrowser(browser, server.baseUrl, 'import', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '考籍导入' }).click();
      await page.getByRole('heading', { name: '考籍导入' }).waitFor();
      await page.getByRole('button', { name: '下载Excel模板' }).waitFor();

      await page.locator('input[name=enrolledFile]').setInputFiles(badFile);
      await page.getByRole('button', { name: '上传并检查' }).click();
      const job = page.getByRole('region', { name: '导入任务' });
      await expectText(job, '共 3 行，其中 1 行有误，未导入任何数据');
      const errorRows = job.getByRole('table', { name: '错误行' }).locator('tbody tr');
      await expectCount(errorRows, 1);
      await expectText(errorRows.first(), '报考县区代码');
      await expectText(errorRows.first(), '县区代码“000000”不存在');
      await expect.poll(() => errorRows.first().locator('td').nth(1).innerText(), POLL).toBe('3');
      expect(await job.getByRole('button', { name: '开始导入' }).count()).toBe(0);
      await screenshot(page, SUITE, '01-bad-row');
      expect(await server.db.models.Ticket.count({ where: { ticketNo: String(first[0]) } })).toBe(0);

      await page.locator('input[name=enrolledFile]').setInputFiles(fixedFile);
      await page.getByRole('button', { name: '上传并检查' }).click();
      await expectText(job, '检查完成：共 3 行，全部无误（尚未写入）');
      await job.getByRole('button', { name: '开始导入' }).click();
      const result = page.getByLabel('导入结果');
      await expectText(result, '考生：新增 2，更新 0，未变 0');
      await expectText(result, '准考证：新增 2');
      await expectText(result, '已合格课程：新增 1');
      await screenshot(page, SUITE, '02-imported');
    });
    expect(await server.db.models.Ticket.count({ where: { ticketNo: [String(first[0]), String(second[0])] } })).toBe(2);
  });

  it('a county office sees no 考籍导入 link and the page refuses it', async () => {
    await inBrowser(browser, server.baseUrl, 'county', async (page) => {
      await signIn(page, county.username);
      expect(await page.getByRole('link', { name: '考籍导入' }).count()).toBe(0);
      await page.goto('/admin/imports/enrolled');
      await page.getByText('考籍导入由省考试院进行').waitFor();
    });
  });
});
