import { randomBytes } from 'node:crypto';
import { insertCatalog, insertCourses, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-majors';
const inBrowser = browserSessions(SUITE);

describe('专业管理 in the browser: the province imports and edits majors and plans; a county office reads them', () => {
  let server: TestServer;
  let browser: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [imported, bad, created] = [`I${tag}`, `X${tag}`, `N${tag}`];

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports majors with a bad row, creates one, puts it in 停考过渡期 and edits its course plan', async () => {
    const province = await insertOfficial(server.db, 'province');
    const [course] = await insertCourses(server.db, 1);
    await inBrowser(browser, server.baseUrl, 'province', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '专业管理' }).click();
      await page.getByRole('heading', { name: '专业管理' }).waitFor();

      const importing = page.getByRole('region', { name: '导入专业' });
      const csv = `专业代码,专业名称,层次,状态,过渡期截止日期\n${imported},工商管理,本科,,\n${bad},法学,研究生,,\n`;
      await importing
        .locator('input[name=majorsFile]')
        .setInputFiles({ name: '专业.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await importing.getByRole('button', { name: '校验文件' }).click();
      await importing
        .getByText('校验完成：共 2 行，有效 1 行（将新增 1、更新 0、不变 0），错误 1 行（尚未写入）')
        .waitFor();
      const errorRows = importing.getByRole('table', { name: '错误行' }).locator('tbody tr');
      await expectCount(errorRows, 1);
      await expectText(errorRows.first(), '层次“研究生”不正确，须为专科或本科');
      await screenshot(page, SUITE, '01-majors-checked');
      await importing.getByRole('button', { name: '导入有效行（1 行）' }).click();
      await importing.getByText('导入完成：新增 1 行，更新 0 行，不变 0 行，跳过错误 1 行').waitFor();
      const list = page.getByRole('table', { name: '专业列表' });
      await list.getByRole('cell', { name: imported, exact: true }).waitFor();
      expect(await list.getByRole('cell', { name: bad, exact: true }).count()).toBe(0);

      const form = page.getByRole('form', { name: '新增专业' });
      await form.locator('input[name=majorCode]').fill(created);
      await form.locator('input[name=majorName]').fill('电子商务');
      await form.locator('select[name=majorLevel]').selectOption('专科');
      await form.getByRole('button', { name: '新增专业' }).click();
      await page.getByText(`已新增专业：${created} 电子商务`).waitFor();

      await list.locator('tr', { hasText: created }).getByRole('link', { name: '编辑' }).click();
      await page.getByRole('heading', { name: '专业详情' }).waitFor();
      const details = page.getByRole('form', { name: '专业信息' });
      await details.locator('select[name=majorStatus]').selectOption('transition');
      await details.getByRole('button', { name: '保存专业' }).click();
      await expectText(page.locator('.banner.error').first(), '停考过渡期须填写过渡期截止日期');
      await details.locator('input[name=transitionEndsOn]').fill('2027-12-31');
      await details.getByRole('button', { name: '保存专业' }).click();
      await page.getByText('专业已保存').waitFor();
      await page.getByText('停考过渡期（至2027年12月31日）').first().waitFor();

      const plan = page.getByRole('form', { name: '添加或修改计划课程' });
      await plan.locator('input[name=planCourseCode]').fill(course!.code);
      await plan.locator('select[name=planRequired]').selectOption('elective');
      await plan.locator('input[name=planCredits]').fill('5');
      await plan.locator('select[name=planPractical]').selectOption('practical');
      await plan.getByRole('button', { name: '保存计划课程' }).click();
      const row = page.getByRole('table', { name: '计划课程列表' }).locator('tbody tr', { hasText: course!.code });
      await expectText(row, '选考');
      await expectText(row, '实践');
      await expectText(row, '5');
      await screenshot(page, SUITE, '02-major-transition-plan');
    });
    const major = await server.db.models.Major.findOne({ where: { code: created } });
    expect(major).toMatchObject({ status: 'transition', transitionEndsOn: '2027-12-31', level: '专科' });
  });

  it('a county office sees majors and plans but no form to change them', async () => {
    const { countyId } = await insertCatalog(server.db, { capacity: 1 });
    const county = await insertOfficial(server.db, 'county', { countyId });
    await inBrowser(browser, server.baseUrl, 'county', async (page) => {
      await signIn(page, county.username);
      await page.getByRole('link', { name: '专业管理' }).click();
      const list = page.getByRole('table', { name: '专业列表' });
      await list.getByRole('cell', { name: created, exact: true }).waitFor();
      expect(await page.getByRole('form', { name: '新增专业' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: '导入专业' }).count()).toBe(0);
      await list.locator('tr', { hasText: created }).getByRole('link', { name: '查看' }).click();
      await page.getByRole('table', { name: '计划课程列表' }).waitFor();
      await expect.poll(() => page.getByRole('form', { name: '添加或修改计划课程' }).count(), POLL).toBe(0);
      expect(await page.getByRole('button', { name: '保存专业' }).count()).toBe(0);
    });
  });
});
