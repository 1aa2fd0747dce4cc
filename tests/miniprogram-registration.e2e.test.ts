import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedInOfficial } from '@kaowei/server/test/support/adminSession';
import { randomPhone } from '@kaowei/server/test/support/apiClient';
import { freshIdCardNo, insertCatalog } from '@kaowei/server/test/support/fixtures';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { openMiniPage, seeText, smsCodeAfter, watchCaptchas } from './support/miniprogram';
import { chooseOption, fillRegistrationExtras } from './support/registrationForm';
import { fillInput } from './support/taroH5';

const SUITE = 'miniprogram-registration';

/** 新生注册 as seed 003 walks it: 须知, the form, the preview, then the photo's state on the status page. */
describe('mini-program 新生注册 (H5, phone screen)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true', SMS_IP_CAPTCHA_AFTER: '100000' });
    browser = await launchChromium();
    context = await phoneContext(browser, server.baseUrl);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('registers through 须知, form and preview, and sees the photo 待审核, then 不合格 with the reason', async () => {
    const catalog = await insertCatalog(server.db, { capacity: 10 });
    const m = server.db.models;
    const [county, major, city] = await Promise.all([
      m.County.findByPk(catalog.countyId),
      m.Major.findOne({ where: { code: catalog.majorCode } }),
      m.City.findByPk(catalog.cityId),
    ]);
    const photoFile = path.join(os.tmpdir(), `kaowei-reg-photo-${Date.now()}.png`);
    writeFileSync(photoFile, makePng(300, 400));
    const cardFile = path.join(os.tmpdir(), `kaowei-reg-card-${Date.now()}.png`);
    writeFileSync(cardFile, makePng(640, 400));
    const phone = randomPhone();
    const password = 'Newbie2027ok';
    const captchas = watchCaptchas(page, server.simulator);

    // 须知 first: the window's times, and nothing goes on before the tick.
    await openMiniPage(page, 'register');
    await seeText(page, '考生须知');
    await seeText(page, /注册时间：\d{4}年/);
    expect(await page.locator('#reg-agree-continue').getAttribute('disabled')).not.toBeNull();
    await screenshot(page, SUITE, '01-notice');
    await page.locator('#reg-agree').tap();
    await page.locator('#reg-agree-continue').tap();

    await seeText(page, '基本信息');
    await fillInput(page, 'reg-id', freshIdCardNo());
    await fillInput(page, 'reg-name', '卓玛措');
    const choose = (id: string, search: string, label: string) => chooseOption(page, id, search, label);
    await fillInput(page, 'reg-phone', phone);
    const code = await smsCodeAfter(server.simulator, phone, () => page.locator('#reg-send-code').tap());
    await fillInput(page, 'reg-sms', code);
    await choose('reg-major', major!.code, major!.name);
    await choose('reg-city', city!.name, city!.name);
    await choose('reg-county', county!.name, county!.name);

    // Each image goes up with its own captcha; the ID-card image is checked like the photo.
    await captchas.solve('.photo-captcha-photo');
    const photoChooser = page.waitForEvent('filechooser');
    await page.locator('#photo-picker').tap();
    await (await photoChooser).setFiles(photoFile);
    await page.locator('#photo-picker .photo-preview').waitFor();
    await fillRegistrationExtras(page, captchas, cardFile, {
      ethnicity: ['藏', '藏族'],
      education: ['专科', '大学专科'],
    });
    await fillInput(page, 'reg-new', password);
    await fillInput(page, 'reg-repeat', password);
    await screenshot(page, SUITE, '02-form');

    // The preview shows what will be sent; nothing is stored before 确认提交.
    await page.locator('#reg-submit').tap();
    await seeText(page, '信息预览');
    const preview = page.locator('#reg-preview');
    for (const text of ['卓玛措', '藏族', '大学专科', phone, major!.name, county!.name]) {
      await expect.poll(() => preview.innerText()).toContain(text);
    }
    expect(await m.Application.count({ where: { phone } })).toBe(0);
    await screenshot(page, SUITE, '03-preview');
    await page.locator('#reg-confirm').tap();

    await page.waitForURL(/pages\/register-status\/index/, { timeout: 15_000 });
    await seeText(page, '照片状态');
    await expect.poll(() => page.locator('#status-photo').innerText()).toBe('待审核');
    await seeText(page, '藏族');
    await screenshot(page, SUITE, '04-photo-pending');

    const application = (await m.Application.findOne({ where: { phone } }))!;
    expect(application.termsAcceptedAt).not.toBeNull();
    const office = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
    const judged = await office.api.post(`/api/admin/registrations/${application.id}/photo-verdict`, {
      verdict: 'rejected',
      reason: '照片背景不是白色，请重新拍摄',
    });
    expect(judged.status, judged.text).toBe(200);

    await page.reload();
    await expect.poll(() => page.locator('#status-photo').innerText()).toBe('不合格');
    await seeText(page, '不合格原因：照片背景不是白色，请重新拍摄');
    await screenshot(page, SUITE, '05-photo-rejected');

    // A new photo (the registration token stands in for the captcha) waits for the office again.
    const again = page.waitForEvent('filechooser');
    await page.locator('#status-photo-card #photo-picker').tap();
    await (await again).setFiles(photoFile);
    await expect.poll(() => page.locator('#status-photo').innerText()).toBe('待审核');
  });
});
