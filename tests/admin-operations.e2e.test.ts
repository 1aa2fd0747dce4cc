import { randomBytes, randomInt } from 'node:crypto';
import { registrationExtras, solvedCaptcha, uploadPhoto } from '@kaowei/server/test/support/accountFlows';
import { ApiClient, randomPhone } from '@kaowei/server/test/support/apiClient';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdAndConfirm } from '@kaowei/server/test/support/bookingFlows';
import { createUnique, freshIdCardNo, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { wrongCode } from '@kaowei/server/test/support/adminSession';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { authenticator } from 'otplib';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn, submitLogin } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-operations';
const inBrowser = browserSessions(SUITE);

/** The width of the picture an <img> decoded: 0 until it loads, and for a broken image (root tsconfig has no DOM lib). */
const decodedWidth = (img: Locator) => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);

describe('officials’ admin in the browser: two-step sign-in, a city’s live seats, registration review, password reset', () => {
  const tag = randomBytes(3).toString('hex');
  let server: TestServer;
  let browser: Browser;
  /** One city with two counties and two units (5 seats each), and a county of another city in the same period. */
  let catalog: BookingCatalog;
  let otherCounty: { id: number; name: string };
  let cityOfficial: { id: number; username: string };
  let countyOfficial: { id: number; username: string };
  /** The candidate whose hold the city official watches arrive; later their password is reset. */
  let holder: Awaited<ReturnType<typeof holdAndConfirm>> | undefined;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    const m = server.db.models;
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 2 });
    const otherCity = await createUnique(() =>
      m.City.create({ code: `3${randomInt(10_000, 99_999)}`, name: `邻市${tag}` }),
    );
    const county = await createUnique(() =>
      m.County.create({ cityId: otherCity.id, code: `3${randomInt(10_000, 99_999)}`, name: `邻县${tag}` }),
    );
    otherCounty = { id: county.id, name: county.name };
    await m.SeatQuota.bulkCreate(
      catalog.units.map((u) => ({ periodId: catalog.periodId, countyId: county.id, unitId: u.unitId, capacity: 9 })),
    );
    cityOfficial = await insertOfficial(server.db, 'city', { cityId: catalog.cityId });
    countyOfficial = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an official turns on the authenticator app; the next login asks for its code, refusing a wrong one', async () => {
    const official = await insertOfficial(server.db, 'province');
    await inBrowser(browser, server.baseUrl, 'totp', async (page) => {
      await signIn(page, official.username);
      await page.getByRole('link', { name: '账户安全' }).click();
      await page.getByRole('heading', { name: '账户安全' }).waitFor();
      await page.getByText('未启用').waitFor();
      await page.getByRole('button', { name: '启用两步验证' }).click();

      // The QR code to scan, and the secret for typing in by hand: the "phone" computes the code from it.
      const qr = page.getByRole('img', { name: '两步验证二维码' });
      await qr.waitFor();
      await expect.poll(() => decodedWidth(qr), POLL).toBeGreaterThan(0);
      const secret = (await page.locator('.card code').innerText()).trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await screenshot(page, SUITE, '01-totp-scan');
      await page.fill('input[name=totpCode]', authenticator.generate(secret));
      await page.getByRole('button', { name: '启用', exact: true }).click();
      await page.getByRole('status').getByText('已启用两步验证，下次登录时需输入动态验证码').waitFor();
      await page.locator('.badge', { hasText: '已启用' }).waitFor();
      await screenshot(page, SUITE, '02-totp-enabled');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('status').getByText('您已安全退出').waitFor();

      // Password alone is not enough now: the page asks for the code.
      await submitLogin(page, official.username);
      await page.getByRole('alert').getByText('请输入动态验证码').waitFor();
      const codeInput = page.getByLabel('动态验证码');
      await codeInput.waitFor();
      await codeInput.fill(wrongCode(secret));
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').getByText('动态验证码错误').waitFor();
      await screenshot(page, SUITE, '03-totp-wrong-code');
      await codeInput.fill(authenticator.generate(secret));
      await page.getByRole('button', { name: '登录' }).click();
      // Signed in, on the first page (not the one they signed out from).
      await page.getByRole('heading', { name: '实时考位' }).waitFor();
      await expect.poll(() => page.locator('.role-label').innerText(), POLL).toBe('省考试院');
      await page.getByRole('link', { name: '账户安全' }).click();
      await page.getByRole('heading', { name: '账户安全' }).waitFor();
      await page.locator('.badge', { hasText: '已启用' }).waitFor();
      await screenshot(page, SUITE, '04-totp-signed-in');
    });
    const stored = await server.db.models.Official.findByPk(official.id);
    expect(stored!.totpSecret).not.toBeNull();
  });

  it('a city official watches their counties’ seats live: a candidate’s hold shows up within the page’s own refresh, with the holds-per-minute chart', async () => {
    await inBrowser(browser, server.baseUrl, 'city-live-seats', async (page) => {
      await signIn(page, cityOfficial.username);
      await expect.poll(() => page.locator('.role-label').innerText(), POLL).toBe('市（州）考办');
      await page.goto(`/admin/seats?periodId=${catalog.periodId}`);
      const seats = page.getByRole('table', { name: '考位明细' });
      // Their two counties × two units; the neighbouring city's county is not on the board.
      await expectCount(seats.locator('tbody tr'), 4);
      for (const county of catalog.counties) await expectText(seats.locator('tbody'), county.name);
      expect(await seats.locator('tbody').innerText()).not.toContain(otherCounty.name);
      await page.getByText('报考进行中 · 每5秒自动刷新').waitFor();

      const row = seats.locator('tbody tr', { hasText: catalog.counties[0]!.name }).filter({ hasText: 'U1 ·' });
      const cells = row.locator('td');
      const held = cells.nth(4);
      const left = cells.nth(6);
      await expect.poll(() => held.innerText(), POLL).toBe('0');
      await expect.poll(() => left.innerText(), POLL).toBe('5');
      const heldTotal = page.locator('.stat', { hasText: '已保存' }).locator('.stat-value');
      await expect.poll(() => heldTotal.innerText(), POLL).toBe('0');
      // The chart of holds per minute is drawn, with no bar yet.
      const chart = page.locator('.chart svg.recharts-surface');
      const bars = page.locator('.chart .recharts-bar-rectangle path');
      await chart.waitFor();
      await expectCount(bars, 0);
      await screenshot(page, SUITE, '05-city-seats-before');

      // A candidate holds a seat in the first county's first unit through the API; the open page shows it
      // at its next refresh (every 5 s), with no reload.
      holder = await holdAndConfirm(server, catalog, 1, 0);
      const refresh = { timeout: 12_000, interval: 200 };
      await expect.poll(() => held.innerText(), refresh).toBe('1');
      await expect.poll(() => left.innerText(), refresh).toBe('4');
      await expect.poll(() => heldTotal.innerText(), refresh).toBe('1');

      // The chart draws the hold as a bar.
      await expect.poll(() => bars.count(), refresh).toBe(1);
      await screenshot(page, SUITE, '06-city-seats-after-hold');
    });
  });

  it('a county official rejects a registration with a reason the applicant sees, and resets a candidate’s password with a reason', async () => {
    const m = server.db.models;
    const county = (await m.County.findByPk(catalog.counties[0]!.countyId))!;
    const major = (await m.Major.findByPk(catalog.majorId))!;
    const applicant = new ApiClient(server.baseUrl);
    const phone = randomPhone();
    expect((await applicant.post('/api/registrations/sms-code', { phone })).status).toBe(200);
    const photo = await uploadPhoto(applicant, makePng(358, 441), await solvedCaptcha(applicant, server.simulator));
    expect(photo.status, photo.text).toBe(200);
    const name = '周晓审';
    const extras = await registrationExtras(applicant, server.simulator);
    const submitted = await applicant.post<{ applicationId: number; registrationToken: string }>('/api/registrations', {
      ...extras,
      idCardNo: freshIdCardNo(),
      name,
      phone,
      smsCode: await server.simulator.latestSmsCode(phone),
      majorCode: major.code,
      countyCode: county.code,
      password: 'Register2027',
      photoId: photo.body.photoId,
    });
    expect(submitted.status, submitted.text).toBe(200);
    applicant.token = submitted.body.registrationToken;
    const reason = '照片背景不是白色，请重新上传证件照';

    expect(holder, 'the live-seats test made the candidate whose password is reset').toBeDefined();
    const candidate = holder!.candidate;
    const resetReason = '考生来电核实身份后申请重置密码';

    await inBrowser(browser, server.baseUrl, 'county-review-reset', async (page) => {
      await signIn(page, countyOfficial.username);
      await page.getByRole('link', { name: '新生审核' }).click();
      await page.getByRole('heading', { name: '新生审核' }).waitFor();
      const list = page.getByRole('table', { name: '注册申请列表' });
      await list.locator('tbody tr', { hasText: name }).click();
      const detail = page.getByLabel('申请详情');
      await detail.getByRole('heading', { name }).waitFor();
      const photoImg = detail.getByRole('img', { name: '证件照' });
      await photoImg.waitFor();
      await expect.poll(() => decodedWidth(photoImg), POLL).toBe(358);
      await expectText(detail, county.name);
      await screenshot(page, SUITE, '07-registration-review');

      await detail.getByRole('button', { name: '不通过' }).click();
      const dialog = page.getByRole('dialog', { name: '审核不通过' });
      await dialog.locator('textarea[name=reason]').fill(reason);
      await dialog.getByRole('button', { name: '确认不通过' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('已审核不通过').waitFor();
      await expectText(detail, reason);
      await expectCount(list.locator('tbody tr', { hasText: name }), 0);
      await screenshot(page, SUITE, '08-registration-rejected');

      // Candidate detail: reset the password with a reason.
      await page.getByRole('link', { name: '考生查询' }).click();
      await page.getByRole('heading', { name: '考生查询' }).waitFor();
      await page.getByLabel('查询考生').fill(candidate.ticketNo);
      await page.getByRole('button', { name: '查询' }).click();
      const results = page.getByRole('table', { name: '考生列表' });
      const found = results.locator('tbody tr', { hasText: candidate.ticketNo });
      await expectText(found, '已修改');
      await found.getByRole('link', { name: '详情' }).click();
      await page.getByRole('heading', { name: '考生详情' }).waitFor();
      await page.getByText('已修改').waitFor();
      await page.getByRole('button', { name: '重置密码' }).click();
      const resetDialog = page.getByRole('dialog', { name: '重置密码' });
      await resetDialog.locator('textarea[name=reason]').fill(resetReason);
      await screenshot(page, SUITE, '09-reset-password-dialog');
      await resetDialog.getByRole('button', { name: '确认重置' }).click();
      await resetDialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('已重置密码，考生下次登录须修改密码').waitFor();
      await page.getByText('初始密码（登录后须修改）').waitFor();
      await screenshot(page, SUITE, '10-password-reset');
    });

    // The applicant sees why, through the candidate-side API.
    expect((await applicant.get('/api/registrations/mine')).body).toMatchObject({
      state: 'rejected',
      rejectReason: reason,
    });

    // The old password no longer logs in; the initial one (last six of the ID number) does.
    const login = (password: string) =>
      new ApiClient(server.baseUrl).post<{ code?: string; nextStep?: string | null }>('/api/accounts/login', {
        account: candidate.ticketNo,
        password,
      });
    const old = await login('Kaowei2027ok');
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('LOGIN_FAILED');
    const initial = await login(candidate.idCardNo.slice(-6));
    expect(initial.status, initial.text).toBe(200);

    const audit = await m.AuditLog.findOne({
      where: { entityType: 'candidate', entityId: String(candidate.candidateId) },
      order: [['id', 'DESC']],
    });
    expect(audit?.reason).toBe(resetReason);
  });
});
