import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedInOfficial } from '@kaowei/server/test/support/adminSession';
import { randomPhone } from '@kaowei/server/test/support/apiClient';
import { freshIdCardNo, insertCandidateWithTicket, insertCatalog } from '@kaowei/server/test/support/fixtures';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import {
  bindPhoneBySms,
  fillNewPassword,
  logInWithPassword,
  openMiniPage,
  seeText,
  smsCodeAfter,
  watchCaptchas,
} from './support/miniprogram';
import { acceptRegistrationNotice, fillRegistrationExtras, submitThroughPreview } from './support/registrationForm';
import { fillInput } from './support/taroH5';

const SUITE = 'miniprogram-accounts';

/** The candidate's account flows in the mini-program's H5 build, on the real server and the simulator. */
describe('mini-program accounts (H5, phone screen)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    // This flow sends many codes from one device: keep the per-network limits out of its way.
    server = await startTestServer({
      TRUST_PROXY: 'true',
      // One phone gets a second code within a minute (the status page on another phone).
      SMS_RESEND_SECONDS: '0',
      SMS_IP_HOURLY: '100000',
      SMS_IP_DAILY: '100000',
      SMS_IP_CAPTCHA_AFTER: '100000',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await phoneContext(browser, server.baseUrl);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('a migrated candidate finds the ticket, logs in with the ID tail, binds a phone, changes the password and logs in again', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'mp-first-login');
    const captchas = watchCaptchas(page, server.simulator);

    await openMiniPage(page, 'login');
    await seeText(page, '微信一键登录');
    await screenshot(page, SUITE, '01-login');

    await page.getByText('找回准考证号').tap();
    await seeText(page, '查询准考证号');
    await fillInput(page, 'lookup-id', candidate.idCardNo);
    await captchas.solve();
    await page.locator('#lookup-submit').tap();
    // The ticket number is shown whole: it is what the candidate came for.
    await seeText(page, candidate.ticketNo);
    await screenshot(page, SUITE, '02-ticket-lookup');

    await page.getByText(candidate.ticketNo).tap();
    await seeText(page, '更换');
    expect(page.url()).toContain('pages/login/index');
    await fillInput(page, 'login-password', 'wrong-password');
    await page.locator('#login-submit').tap();
    await seeText(page, '准考证号（证件号码）或密码错误');
    await fillInput(page, 'login-password', candidate.idCardNo.slice(-6));
    await page.locator('#login-submit').tap();

    await seeText(page, '第一步：绑定手机');
    await screenshot(page, SUITE, '03-first-login-phone');
    const phone = await bindPhoneBySms(page, server.simulator);

    await seeText(page, '第二步：修改初始密码');
    const newPassword = 'Kaowei2027ok';
    await fillNewPassword(page, candidate.idCardNo.slice(-6), newPassword);
    await seeText(page, '密码强度：');
    await screenshot(page, SUITE, '04-first-login-password');
    await page.locator('#password-submit').tap();

    await seeText(page, '请使用新密码重新登录');
    await screenshot(page, SUITE, '05-first-login-done');
    await page.locator('#first-login-relogin').tap();

    await seeText(page, '密码登录');
    await logInWithPassword(page, candidate.ticketNo, newPassword);
    await page.waitForURL(/pages\/booking\/index/, { timeout: 15_000 });
    await screenshot(page, SUITE, '06-booking-after-login');

    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).tap();
    await seeText(page, '手机绑定');
    await seeText(page, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await seeText(page, candidate.ticketNo);
    expect(await page.locator('body').innerText()).not.toContain(candidate.idCardNo);
    await screenshot(page, SUITE, '06b-mine');

    // 短信通知: refused on 我的 and taken back, on H5 too (SMS is not WeChat-only).
    const smsOptOut = async () => {
      const [[row]] = (await server.db.sequelize.query('SELECT sms_opt_out_at FROM candidates WHERE id = ?', {
        replacements: [candidate.candidateId],
      })) as [Array<{ sms_opt_out_at: Date | null }>, unknown];
      return row!.sms_opt_out_at;
    };
    await seeText(page, '退订后仍会收到短信验证码');
    await page.locator('#mine-sms-state').getByText('接收', { exact: true }).waitFor();
    await page.locator('#mine-sms-switch').tap();
    await page.locator('#mine-sms-state').getByText('已退订', { exact: true }).waitFor();
    expect(await page.locator('#mine-sms-switch input').isChecked()).toBe(false);
    await screenshot(page, SUITE, '06c-mine-sms-opt-out');
    expect(await smsOptOut()).not.toBeNull();
    await page.locator('#mine-sms-switch').tap();
    await page.locator('#mine-sms-state').getByText('接收', { exact: true }).waitFor();
    expect(await page.locator('#mine-sms-switch input').isChecked()).toBe(true);
    expect(await smsOptOut()).toBeNull();

    await page.locator('#mine-logout').tap();
    await page.getByText('确定', { exact: true }).tap();
    await seeText(page, '登录后可查看个人信息和报考记录');

    // The account now has a phone and a real password: no first-login step left.
    const stored = await server.db.models.Candidate.findByPk(candidate.candidateId);
    expect(stored!.phone).toBe(phone);
    expect(stored!.mustChangePassword).toBe(false);
  });

  it('an enrolled candidate with a phone on file finds it locked on the bind page and binds exactly that one', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'mp-phone-on-file');
    const onFile = randomPhone();
    await server.db.models.Candidate.update({ phoneOnFile: onFile }, { where: { id: candidate.candidateId } });

    await openMiniPage(page, 'login');
    await logInWithPassword(page, candidate.ticketNo, candidate.idCardNo.slice(-6));
    await seeText(page, '第一步：绑定手机');
    await seeText(page, `${onFile.slice(0, 3)}****${onFile.slice(-4)}`);
    await seeText(page, '请携带证件到报考县（市、区）考办重置');
    expect(await page.locator('#bind-phone').count()).toBe(0);
    await screenshot(page, SUITE, '03b-first-login-phone-on-file');

    const code = await smsCodeAfter(server.simulator, onFile, () => page.locator('#bind-send-code').tap());
    await fillInput(page, 'bind-sms', code);
    await page.locator('#bind-submit').tap();
    await seeText(page, '第二步：修改初始密码');
    const stored = await server.db.models.Candidate.findByPk(candidate.candidateId);
    expect(stored!.phone).toBe(onFile);
  });

  it('one-tap WeChat login links after a password login (captcha after failures); phone rebind, WeChat unlink, forgotten password', async () => {
    const oldPhone = randomPhone();
    const candidate = await insertCandidateWithTicket(server.db, 'mp-wechat', {
      phone: oldPhone,
      password: 'Before2027ok',
    });
    const captchas = watchCaptchas(page, server.simulator);

    await openMiniPage(page, 'login');
    await page.locator('#wechat-login').tap();
    await seeText(page, '该微信尚未绑定考生账号');
    await fillInput(page, 'login-account', candidate.idCardNo);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await fillInput(page, 'login-password', `Wrong${attempt}pass`);
      await page.locator('#login-submit').tap();
      await seeText(page, '准考证号（证件号码）或密码错误');
    }
    await seeText(page, '图片验证码');
    await captchas.solve();
    await fillInput(page, 'login-password', 'Before2027ok');
    await screenshot(page, SUITE, '11-login-captcha');
    await page.locator('#login-submit').tap();
    await page.waitForURL(/pages\/booking\/index/, { timeout: 15_000 });

    // Phone: unbind with a code to the old number, then bind a new one with WeChat's number (simulated in H5).
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).tap();
    await seeText(page, '已绑定 · 解除绑定');
    await page.locator('#mine-phone').tap();
    await seeText(page, `${oldPhone.slice(0, 3)}****${oldPhone.slice(-4)}`);
    const unbindCode = await smsCodeAfter(server.simulator, oldPhone, () => page.locator('#unbind-send-code').tap());
    await fillInput(page, 'unbind-sms', unbindCode);
    await page.locator('#unbind-submit').tap();
    await page.getByText('解绑', { exact: true }).filter({ visible: true }).tap();
    await seeText(page, '使用微信手机号');
    const newPhone = randomPhone();
    await fillInput(page, 'bind-phone', newPhone);
    await page.locator('#bind-wechat-phone').tap();
    await seeText(page, `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`);
    await screenshot(page, SUITE, '12-phone-rebound');

    // WeChat unlink from 我的 (back from the phone page).
    await page.goBack();
    await page.locator('#mine-wechat-unlink').tap();
    await page.getByText('解除', { exact: true }).filter({ visible: true }).tap();
    await seeText(page, '未绑定（微信一键登录后自动绑定）');
    expect((await server.db.models.Candidate.findByPk(candidate.candidateId))!.wechatOpenid).toBeNull();

    // Forgotten password: a code to the bound (new) phone, a new password, then log in with it.
    await page.locator('#mine-logout').tap();
    await page.getByText('确定', { exact: true }).filter({ visible: true }).tap();
    await page.locator('#mine-login').tap();
    await page.getByText('忘记密码').filter({ visible: true }).tap();
    await fillInput(page, 'reset-id', candidate.idCardNo);
    await fillInput(page, 'reset-phone', newPhone);
    await captchas.solve();
    const resetCode = await smsCodeAfter(server.simulator, newPhone, () => page.locator('#reset-send-code').tap());
    await fillInput(page, 'reset-sms', resetCode);
    await fillInput(page, 'reset-new', 'After2027ok');
    await fillInput(page, 'reset-repeat', 'After2027ok');
    await screenshot(page, SUITE, '13-forgot-password');
    await page.locator('#reset-submit').tap();
    await seeText(page, '请使用新密码重新登录');
    await page.getByText('确定', { exact: true }).filter({ visible: true }).tap();
    await seeText(page, '密码登录');
    await fillInput(page, 'login-account', candidate.ticketNo);
    await fillInput(page, 'login-password', 'After2027ok');
    await page.locator('#login-submit').tap();
    await page.waitForURL(/pages\/booking\/index/, { timeout: 15_000 });
  });

  it('a new candidate registers with a photo, waits for review, and after approval logs in with the new ticket', async () => {
    const catalog = await insertCatalog(server.db, { capacity: 10 });
    const [county, major] = await Promise.all([
      server.db.models.County.findByPk(catalog.countyId),
      server.db.models.Major.findOne({ where: { code: catalog.majorCode } }),
    ]);
    const city = await server.db.models.City.findByPk(catalog.cityId);
    const photoFile = path.join(os.tmpdir(), `kaowei-photo-${Date.now()}.png`);
    writeFileSync(photoFile, makePng(300, 400));
    const cardFile = path.join(os.tmpdir(), `kaowei-card-${Date.now()}.png`);
    writeFileSync(cardFile, makePng(640, 400));
    const idCardNo = freshIdCardNo();
    const phone = randomPhone();
    const password = 'Newbie2027ok';
    const captchas = watchCaptchas(page, server.simulator);

    await openMiniPage(page, 'register');
    await acceptRegistrationNotice(page);
    await seeText(page, '基本信息');
    await fillInput(page, 'reg-id', idCardNo);
    await seeText(page, '出生日期');
    await fillInput(page, 'reg-name', '王新生');
    await fillInput(page, 'reg-phone', phone);
    const registerCode = await smsCodeAfter(server.simulator, phone, () => page.locator('#reg-send-code').tap());
    await seeText(page, /秒后重发/);
    await fillInput(page, 'reg-sms', registerCode);

    const choose = async (id: string, search: string, label: string) => {
      await page.locator(`#${id}`).tap();
      await fillInput(page, `${id}-search`, search);
      await page.locator(`#${id}-sheet .option-item`, { hasText: label }).first().tap();
      await page.locator(`#${id}-sheet`).waitFor({ state: 'detached' });
    };
    await choose('reg-major', major!.code, major!.name);
    await choose('reg-city', city!.name, city!.name);
    await choose('reg-county', county!.name, county!.name);

    // An anonymous upload needs the image captcha beside the photo.
    await page.locator('#photo-picker').tap();
    await seeText(page, '请先输入图片验证码，再选择照片');
    await captchas.solve('.photo-captcha');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#photo-picker').tap();
    await (await chooser).setFiles(photoFile);
    await seeText(page, '已上传，点击照片可更换');

    await fillInput(page, 'reg-new', password);
    await fillInput(page, 'reg-repeat', password);
    await fillRegistrationExtras(page, captchas, cardFile);
    await screenshot(page, SUITE, '07-register-form');
    await submitThroughPreview(page);

    await page.waitForURL(/pages\/register-status\/index/, { timeout: 15_000 });
    await seeText(page, '待审核');
    await seeText(page, '王新生');
    await screenshot(page, SUITE, '08-register-submitted');

    const official = await signedInOfficial(server, 'province');
    const queue = await official.api.request<{
      items: Array<{ applicationId: number; name: string; phoneMasked: string }>;
    }>('GET', '/api/admin/registrations?state=submitted');
    const mine = queue.body.items.find(
      (a) => a.name === '王新生' && a.phoneMasked === `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    );
    expect(mine, queue.text).toBeDefined();

    // Rejected first: the reason shows, the candidate corrects and resubmits (photo and password again).
    const rejected = await official.api.post(`/api/admin/registrations/${mine!.applicationId}/reject`, {
      reason: '照片不清晰，请重新上传',
    });
    expect(rejected.status, rejected.text).toBe(200);
    await page.reload();
    await seeText(page, '审核未通过');
    await seeText(page, '未通过原因：照片不清晰，请重新上传');
    await screenshot(page, SUITE, '08b-register-rejected');
    await page.locator('#status-edit').tap();
    await seeText(page, '修改注册信息');
    expect(await page.locator('#reg-name input').inputValue()).toBe('王新生');
    await fillInput(page, 'reg-phone', phone);
    // Correcting: the registration token goes with the upload, no captcha.
    expect(await page.locator('.photo-captcha').filter({ visible: true }).count()).toBe(0);
    const again = page.waitForEvent('filechooser');
    await page.locator('#photo-picker').tap();
    await (await again).setFiles(photoFile);
    await seeText(page, '已上传，点击照片可更换');
    await fillInput(page, 'reg-new', password);
    await fillInput(page, 'reg-repeat', password);
    await submitThroughPreview(page);
    await page.waitForURL(/pages\/register-status\/index/, { timeout: 15_000 });
    await seeText(page, '待审核');

    // On another phone (no registration token kept): the ID number and a code to the application's phone find it.
    const otherPhone = await phoneContext(browser, server.baseUrl);
    try {
      const other = await otherPhone.newPage();
      await openMiniPage(other, 'register-status');
      await seeText(other, '查询注册进度');
      await fillInput(other, 'access-id', idCardNo);
      await fillInput(other, 'access-phone', phone);
      const accessCode = await smsCodeAfter(server.simulator, phone, () => other.locator('#access-send-code').tap());
      await fillInput(other, 'access-sms', accessCode);
      await other.locator('#access-submit').tap();
      await seeText(other, '待审核');
      await seeText(other, '王新生');
      await screenshot(other, SUITE, '08c-register-status-other-phone');
    } finally {
      await otherPhone.close();
    }

    const approved = await official.api.post<{ ticketNo: string }>(
      `/api/admin/registrations/${mine!.applicationId}/approve`,
    );
    expect(approved.status, approved.text).toBe(200);

    await page.reload();
    await seeText(page, '审核通过');
    await seeText(page, approved.body.ticketNo);
    await screenshot(page, SUITE, '09-register-approved');

    await page.locator('#status-login').tap();
    await seeText(page, '密码登录');
    // The login form starts with the new ticket number.
    await expect
      .poll(() => page.locator('#login-account input').filter({ visible: true }).inputValue())
      .toBe(approved.body.ticketNo);
    await fillInput(page, 'login-password', password);
    await page.locator('#login-submit').tap();
    // Phone proven and password chosen at registration: nothing left for the first-login guide.
    await page.waitForURL(/pages\/booking\/index/, { timeout: 15_000 });
    await screenshot(page, SUITE, '10-new-candidate-booking');
  });
});
