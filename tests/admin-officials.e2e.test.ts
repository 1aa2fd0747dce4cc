import { randomBytes } from 'node:crypto';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { insertCandidateWithTicket, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { desktopContext, launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-officials';

/** 考生查询 for `text` from the side menu (a request the server answers only for a live session). */
async function searchCandidates(page: Page, text: string): Promise<void> {
  await page.getByRole('link', { name: '考生查询' }).click();
  await page.getByLabel('查询考生').fill(text);
  await page.getByRole('button', { name: '查询' }).click();
}
const inBrowser = browserSessions(SUITE);

describe('officials’ accounts in the browser: a city office opens a county account, whose first login changes the password', () => {
  let server: TestServer;
  let browser: Browser;
  /** One city, two counties: the new official works in the first. */
  let catalog: BookingCatalog;
  let city: { id: number; username: string };
  const tag = randomBytes(2).toString('hex');
  const username = `county${tag}`;
  const surname = `钱${tag}`;
  let temporaryPassword = '';

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 2 });
    city = await insertOfficial(server.db, 'city', { cityId: catalog.cityId });
    // One candidate registered in each county, with names the search finds together.
    for (const [n, county] of catalog.counties.entries()) {
      const { candidateId } = await insertCandidateWithTicket(server.db, 'officials');
      await server.db.models.Candidate.update(
        { name: `${surname}${n === 0 ? '本县' : '邻县'}`, countyId: county.countyId },
        { where: { id: candidateId } },
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the city office opens a county official’s account and reads its temporary password once', async () => {
    await inBrowser(browser, server.baseUrl, 'create-official', async (page) => {
      await signIn(page, city.username);
      await page.getByRole('link', { name: '账号管理' }).click();
      await page.getByRole('heading', { name: '账号管理' }).waitFor();
      await page.getByRole('button', { name: '开设账号' }).click();
      const dialog = page.getByRole('dialog', { name: '开设账号' });
      // A city office can only open county accounts, in its own city.
      expect(await dialog.locator('select[name=role] option').allInnerTexts()).toEqual(['县（市、区）考办']);
      await dialog.locator('input[name=username]').fill(username);
      await dialog.locator('input[name=name]').fill('新任县考办');
      await dialog.locator('select[name=countyId]').selectOption({ value: String(catalog.counties[0]!.countyId) });
      await dialog.getByRole('button', { name: '开设账号' }).click();

      const shown = page.getByRole('dialog', { name: '临时密码' });
      temporaryPassword = (await shown.getByTestId('temporary-password').innerText()).trim();
      expect(temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
      await screenshot(page, SUITE, '01-temporary-password');
      await shown.getByRole('button', { name: '我已记下' }).click();

      const row = page.getByRole('table', { name: '账号列表' }).locator('tbody tr', { hasText: username });
      await expectText(row, '待修改密码');
      await expectText(row, catalog.counties[0]!.name);
      await screenshot(page, SUITE, '02-officials-list');
    });
    const audit = await server.db.models.AuditLog.findOne({ where: { action: 'official.create', actorId: city.id } });
    expect(audit?.after).toMatchObject({ username, role: 'county', countyId: catalog.counties[0]!.countyId });
  });

  it('the new official is sent to 修改密码 and nowhere else, then sees only their county’s candidates', async () => {
    expect(temporaryPassword, 'the previous test opened the account').not.toBe('');
    await inBrowser(browser, server.baseUrl, 'first-login', async (page) => {
      await page.goto('/admin/');
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', temporaryPassword);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
      await expectCount(page.getByRole('link', { name: '考生查询' }), 0);
      await page.goto('/admin/candidates');
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
      await screenshot(page, SUITE, '03-forced-password-change');

      const form = page.getByRole('form', { name: '修改密码' });
      await form.locator('input[name=oldPassword]').fill(temporaryPassword);
      await form.locator('input[name=newPassword]').fill('short1');
      await form.locator('input[name=repeatPassword]').fill('short1');
      await form.getByRole('button', { name: '修改密码' }).click();
      await expectText(form, '密码不符合要求：至少10位');
      await form.locator('input[name=newPassword]').fill('MyCounty2027');
      await form.locator('input[name=repeatPassword]').fill('MyCounty2027');
      await form.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('heading', { name: '实时考位' }).waitFor();
      await expectCount(page.getByRole('link', { name: '账号管理' }), 0);

      await searchCandidates(page, surname);
      const rows = page.getByRole('table', { name: '考生列表' }).locator('tbody tr');
      await expectCount(rows, 1);
      await expectText(rows.first(), `${surname}本县`);
      await screenshot(page, SUITE, '04-own-county-only');
    });
    const official = await server.db.models.Official.findOne({ where: { username }, rejectOnEmpty: true });
    expect(official.mustChangePassword).toBe(false);
  });

  it('the city office resets the password and then disables the account, each with a reason: the official’s session ends', async () => {
    const official = await server.db.models.Official.findOne({ where: { username }, rejectOnEmpty: true });
    await inBrowser(browser, server.baseUrl, 'reset-and-disable', async (page) => {
      const other = await desktopContext(browser, server.baseUrl);
      try {
        const theirs = await other.newPage();
        await theirs.goto('/admin/');
        await theirs.fill('input[name=username]', username);
        await theirs.fill('input[name=password]', 'MyCounty2027');
        await theirs.getByRole('button', { name: '登录' }).click();
        await theirs.getByRole('heading', { name: '实时考位' }).waitFor();

        await signIn(page, city.username);
        await page.getByRole('link', { name: '账号管理' }).click();
        const row = page.getByRole('table', { name: '账号列表' }).locator('tbody tr', { hasText: username });
        await row.getByRole('button', { name: '重置密码' }).click();
        const resetDialog = page.getByRole('dialog', { name: /^重置密码/ });
        await resetDialog.locator('textarea[name=reason]').fill('本人遗忘密码，已电话核实');
        await resetDialog.getByRole('button', { name: '重置密码' }).click();
        const shown = page.getByRole('dialog', { name: '临时密码' });
        expect((await shown.getByTestId('temporary-password').innerText()).trim()).toMatch(/^.{12}$/);
        await shown.getByRole('button', { name: '我已记下' }).click();
        await expectText(row, '待修改密码');

        await row.getByRole('button', { name: '停用' }).click();
        const disableDialog = page.getByRole('dialog', { name: /^停用账号/ });
        await disableDialog.locator('textarea[name=reason]').fill('调离岗位');
        await disableDialog.getByRole('button', { name: '停用' }).click();
        await expectText(row, '已停用');
        await expectCount(row.getByRole('button', { name: '启用' }), 1);
        await screenshot(page, SUITE, '05-disabled');

        await searchCandidates(theirs, surname);
        await expectText(theirs.locator('body'), '登录已过期，请重新登录');
      } finally {
        await other.close();
      }
    });
    const audit = await server.db.models.AuditLog.findAll({
      where: { entityType: 'official', entityId: String(official.id), actorId: city.id },
      order: [['id', 'ASC']],
    });
    expect(audit.map((e) => [e.action, e.reason])).toEqual([
      ['official.create', null],
      ['official.reset_password', '本人遗忘密码，已电话核实'],
      ['official.disable', '调离岗位'],
    ]);
  });

  it('退出所有设备 ends the session here and on every other device', async () => {
    await inBrowser(browser, server.baseUrl, 'sign-out-everywhere', async (page) => {
      await signIn(page, city.username);
      const other = await desktopContext(browser, server.baseUrl);
      try {
        const elsewhere = await other.newPage();
        await signIn(elsewhere, city.username);
        await page.getByRole('link', { name: '修改密码' }).click();
        await page.getByRole('button', { name: '退出所有设备' }).click();
        await expectText(page.locator('body'), '已退出所有设备，请重新登录');
        await searchCandidates(elsewhere, surname);
        await expectText(elsewhere.locator('body'), '登录已过期，请重新登录');
      } finally {
        await other.close();
      }
    });
  });
});
