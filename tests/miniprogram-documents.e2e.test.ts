import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskDocumentNo } from '@kaowei/shared';
import { signedInOfficial } from '@kaowei/server/test/support/adminSession';
import { randomPhone } from '@kaowei/server/test/support/apiClient';
import { insertCatalog } from '@kaowei/server/test/support/fixtures';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { openMiniPage, seeText, smsCodeAfter, watchCaptchas } from './support/miniprogram';
import { acceptRegistrationNotice, fillRegistrationExtras, submitThroughPreview } from './support/registrationForm';
import { fillInput } from './support/taroH5';

const SUITE = 'miniprogram-documents';

/** 证件类型 (seed 002): a Hong Kong resident registers with their 通行证 and finds the ticket by it. */
describe('mini-program registration with a non-ID document (H5, phone screen)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
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

  it('picks 港澳居民来往内地通行证, enters gender and birth date, and after approval finds the ticket by the number', async () => {
    const catalog = await insertCatalog(server.db, { capacity: 10 });
    const [county, major, city] = await Promise.all([
      server.db.models.County.findByPk(catalog.countyId),
      server.db.models.Major.findOne({ where: { code: catalog.majorCode } }),
      server.db.models.City.findByPk(catalog.cityId),
    ]);
    const photoFile = path.join(os.tmpdir(), `kaowei-photo-doc-${Date.now()}.png`);
    writeFileSync(photoFile, makePng(300, 400));
    const cardFile = path.join(os.tmpdir(), `kaowei-card-doc-${Date.now()}.png`);
    writeFileSync(cardFile, makePng(640, 400));
    const permitNo = `H${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const phone = randomPhone();
    const captchas = watchCaptchas(page, server.simulator);

    const choose = async (id: string, search: string, label: string) => {
      await page.locator(`#${id}`).tap();
      await fillInput(page, `${id}-search`, search);
      await page.locator(`#${id}-sheet .option-item`, { hasText: label }).first().tap();
      await page.locator(`#${id}-sheet`).waitFor({ state: 'detached' });
    };

    await openMiniPage(page, 'register');
    await acceptRegistrationNotice(page);
    await seeText(page, '证件类型');
    await choose('reg-doc-type', '港澳', '港澳居民来往内地通行证');
    await fillInput(page, 'reg-id', permitNo.toLowerCase());
    await seeText(page, '性别');
    await fillInput(page, 'reg-name', '陈港生');
    await fillInput(page, 'reg-phone', phone);
    const code = await smsCodeAfter(server.simulator, phone, () => page.locator('#reg-send-code').tap());
    await fillInput(page, 'reg-sms', code);
    await choose('reg-major', major!.code, major!.name);
    await choose('reg-city', city!.name, city!.name);
    await choose('reg-county', county!.name, county!.name);
    await page.locator('#photo-picker').tap();
    await captchas.solve('.photo-captcha');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#photo-picker').tap();
    await (await chooser).setFiles(photoFile);
    await seeText(page, '已上传，点击照片可更换');
    await fillInput(page, 'reg-new', 'Hongkong2027');
    await fillInput(page, 'reg-repeat', 'Hongkong2027');
    await fillRegistrationExtras(page, captchas, cardFile);

    // Gender and birth date are asked for: the 通行证 number carries neither.
    await page.locator('#reg-submit').tap();
    await seeText(page, '请选择性别');
    await choose('reg-gender', '女', '女');
    await page.locator('#reg-submit').tap();
    await seeText(page, '请按“1995-04-02”的格式填写出生日期');
    await fillInput(page, 'reg-birth', '1996-08-15');
    await screenshot(page, SUITE, '01-register-permit');
    await submitThroughPreview(page);
    await page.waitForURL(/pages\/register-status\/index/, { timeout: 15_000 });
    await seeText(page, '待审核');
    await seeText(page, maskDocumentNo(permitNo));

    const official = await signedInOfficial(server, 'province');
    const queue = await official.api.request<{ items: Array<{ applicationId: number; name: string }> }>(
      'GET',
      '/api/admin/registrations?state=submitted',
    );
    const mine = queue.body.items.find((a) => a.name === '陈港生');
    const approved = await official.api.post<{ ticketNo: string }>(
      `/api/admin/registrations/${mine!.applicationId}/approve`,
    );
    expect(approved.status, approved.text).toBe(200);
    const candidate = await server.db.models.Candidate.findOne({ where: { name: '陈港生' } });
    expect(candidate).toMatchObject({ documentType: 'hk_macao_permit', gender: 'F', birthDate: '1996-08-15' });

    await openMiniPage(page, 'ticket-lookup');
    await seeText(page, '证件号码');
    await fillInput(page, 'lookup-id', permitNo);
    await captchas.solve();
    await page.locator('#lookup-submit').tap();
    await seeText(page, approved.body.ticketNo);
    await screenshot(page, SUITE, '02-lookup-by-permit');
  });
});
