import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskIdCardNo } from '@kaowei/shared';
import type { BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import { holdAndConfirm, payByScan } from '@kaowei/server/test/support/bookingFlows';
import { insertOfficial, OFFICIAL_PASSWORD } from '@kaowei/server/test/support/fixtures';
import { BOOKING_HEADERS, readXlsx } from '@kaowei/server/test/support/spreadsheets';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, POLL, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin';
const DAY = 86_400_000;
type Booked = Awaited<ReturnType<typeof holdAndConfirm>>;

/** "YYYY-MM-DDTHH:MM" in Beijing time, as an official types it into a datetime-local field. */
const beijingInput = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

const inBrowser = browserSessions(SUITE);

describe('officials’ admin in the browser: set up a period, run a county, audit every change', () => {
  const tag = randomBytes(3).toString('hex');
  const names = {
    period: `E2E考次${tag}`,
    periodCode: `E${tag}`,
    city: `测试市${tag}`,
    countyA: `甲县${tag}`,
    countyB: `乙县${tag}`,
  };
  /** `count` distinct random codes; region codes start with 4 (the other fixtures use 6–9). */
  const randomCodes = (count: number, make: () => string) => {
    const codes = new Set<string>();
    while (codes.size < count) codes.add(make());
    return [...codes];
  };
  const [cityCode, ...countyCodes] = randomCodes(3, () => `4${randomInt(10_000, 99_999)}`) as [string, string, string];
  /** Courses are shared by every period: the file brings new ones, so an import renames nobody else's. */
  let courseCodes: string[] = [];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-admin-e2e-'));

  let server: TestServer;
  let browser: Browser;
  let province: { id: number; username: string };
  let periodId: number;
  let catalog: BookingCatalog;
  /** County A: one candidate with two paid courses (to refund), one with one; county B: one. */
  let refundMe: Booked;
  let keepMe: Booked;
  let elsewhere: Booked;
  let county: { id: number; username: string };

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    province = await insertOfficial(server.db, 'province');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('a provincial official signs in (captcha after failed attempts) and sets up a period: windows, units, offerings from a file with one bad row, a city, counties and quotas', async () => {
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    await inBrowser(browser, server.baseUrl, 'province-setup', async (page) => {
      // Login: three wrong passwords bring up the image captcha; the right password and captcha get in.
      await page.goto('/admin/');
      await page.waitForURL('**/admin/login');
      await page.fill('input[name=username]', province.username);
      for (let attempt = 1; attempt <= 3; attempt++) {
        await page.fill('input[name=password]', 'WrongPass2027');
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/admin/login'));
        const captchaIssued = attempt === 3 ? page.waitForResponse((r) => r.url().endsWith('/api/captcha')) : null;
        await page.getByRole('button', { name: '登录' }).click();
        await answered;
        await page.getByRole('alert').getByText('用户名或密码错误').waitFor();
        if (captchaIssued) {
          const { captchaId } = (await (await captchaIssued).json()) as { captchaId: string };
          await page.getByRole('img', { name: '图片验证码' }).waitFor();
          await screenshot(page, SUITE, '01-login-captcha');
          await page.fill('input[name=password]', OFFICIAL_PASSWORD);
          await page.fill('input[name=captchaAnswer]', await server.simulator.captchaAnswer(captchaId));
        }
      }
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '实时考位' }).waitFor();
      await expect.poll(() => page.locator('.role-label').innerText(), POLL).toBe('省考试院');

      // Period with every window, fee, course limit, release time and notice.
      await page.getByRole('link', { name: '考期设置' }).click();
      await page.getByRole('link', { name: '新建考次' }).click();
      await page.getByRole('heading', { name: '新建考次' }).waitFor();
      const fields: Record<string, string> = {
        code: names.periodCode,
        name: names.period,
        feeYuan: '35.00',
        bookingOpensAt: beijingInput(now - DAY),
        bookingClosesAt: beijingInput(now + 20 * DAY),
        maxCourses: '4',
        paymentOpensAt: beijingInput(now - DAY),
        paymentClosesAt: beijingInput(now + 21 * DAY),
        dailyReleaseTime: '23:30',
        payDailyStart: '00:00',
        payDailyEnd: '24:00',
        refundDeadline: beijingInput(now + 20 * DAY),
        printOpensAt: beijingInput(now + 25 * DAY),
        printClosesAt: beijingInput(now + 35 * DAY),
        bookingNotice: '请仔细阅读报考须知：每科报考费35元，缴费后方为报考成功。',
      };
      for (const [name, value] of Object.entries(fields)) await page.fill(`[name=${name}]`, value);
      await screenshot(page, SUITE, '02-period-new');
      await page.getByRole('button', { name: '创建考次' }).click();
      await page.waitForURL(/\/admin\/periods\/\d+$/);
      periodId = Number(/periods\/(\d+)$/.exec(page.url())![1]);
      await page.getByRole('heading', { name: `考次：${names.period}` }).waitFor();
      await expect.poll(() => page.locator('[name=payDailyEnd]').inputValue(), POLL).toBe('24:00');

      // Two exam units.
      const units = page.getByRole('region', { name: '考试单元' });
      for (const [code, halfDay] of [
        ['U1', 'am'],
        ['U2', 'pm'],
      ] as const) {
        await units.getByRole('button', { name: '添加考试单元' }).click();
        await units.locator('input[name=unitCode]').fill(code);
        await units.locator('input[name=examDate]').fill('2027-04-10');
        await units.locator('select[name=halfDay]').selectOption(halfDay);
        await units.getByRole('button', { name: '保存' }).click();
        await units.getByRole('cell', { name: code, exact: true }).waitFor();
      }
      await expectCount(units.getByRole('row'), 3);

      // Offerings from an XLSX with one bad row (a unit the period does not have).
      do courseCodes = randomCodes(5, () => String(randomInt(10_000, 100_000)));
      while (await server.db.models.Course.count({ where: { code: courseCodes } }));
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('开考课程');
      sheet.addRow(['课程代码', '课程名称', '考试单元', '学分']);
      sheet.addRow([courseCodes[0], `中国近现代史纲要${tag}`, 'U1', 2]);
      sheet.addRow([courseCodes[1], `马克思主义基本原理${tag}`, 'U1', 4]);
      sheet.addRow([courseCodes[4], `大学语文${tag}`, 'U9', 4]);
      sheet.addRow([courseCodes[2], `英语（二）${tag}`, 'U2', 14]);
      sheet.addRow([courseCodes[3], `高等数学${tag}`, 'U2', 6]);
      const file = path.join(workDir, '开考课程.xlsx');
      await workbook.xlsx.writeFile(file);

      const offerings = page.getByRole('region', { name: '开考课程' });
      await offerings.getByText('尚未设置开考课程').waitFor();
      await offerings.locator('input[name=offeringsFile]').setInputFiles(file);
      await offerings.getByRole('button', { name: '校验文件' }).click();
      await offerings.getByText('校验完成：共 5 行，有效 4 行，错误 1 行（尚未写入）').waitFor();
      const errorRows = offerings.getByRole('table', { name: '错误行' }).locator('tbody tr');
      await expectCount(errorRows, 1);
      await expect.poll(() => errorRows.first().locator('td').first().innerText(), POLL).toBe('4');
      await expectText(errorRows.first(), '考试单元“U9”不存在，本考次的考试单元为：U1、U2');
      await screenshot(page, SUITE, '03-offerings-checked');
      await offerings.getByRole('button', { name: '导入有效行（4 行）' }).click();
      await offerings.getByText('导入完成：已导入 4 行，跳过错误 1 行').waitFor();
      await offerings.getByText('共 4 门').waitFor();
      const list = offerings.getByRole('table', { name: '开考课程列表' });
      for (const code of courseCodes.slice(0, 4)) await list.getByRole('cell', { name: code, exact: true }).waitFor();
      await screenshot(page, SUITE, '04-period-units-offerings');

      // A city and two counties.
      await page.getByRole('link', { name: '行政区划' }).click();
      await page.getByRole('heading', { name: '行政区划' }).waitFor();
      await page.getByLabel('市（州）代码').fill(cityCode);
      await page.getByLabel('市（州）名称').fill(names.city);
      await page.getByRole('button', { name: '新增市（州）' }).click();
      await page.getByText(`已新增市（州）：${names.city}`).waitFor();
      const cityCard = page.getByRole('region', { name: names.city });
      for (const [i, name] of [names.countyA, names.countyB].entries()) {
        await cityCard.getByRole('button', { name: '新增县（市、区）' }).click();
        await cityCard.getByLabel('县（市、区）代码').fill(countyCodes[i]!);
        await cityCard.getByLabel('县（市、区）名称').fill(name);
        await cityCard.getByRole('button', { name: '保存' }).click();
        await page.getByText(`已新增县（市、区）：${name}`).waitFor();
      }
      await cityCard.getByRole('cell', { name: names.countyB }).waitFor();
      await screenshot(page, SUITE, '05-regions');

      // Quotas: a whole row for county A, cell by cell (Enter) for county B.
      await page.getByRole('link', { name: '考位分配' }).click();
      await page.getByRole('heading', { name: '考位分配' }).waitFor();
      await page.getByLabel('考次').selectOption(String(periodId));
      const grid = page.getByRole('table', { name: '考位分配表' });
      await grid.getByLabel(`${names.countyA} U1 考位数`).fill('30');
      await grid.getByLabel(`${names.countyA} U2 考位数`).fill('20');
      await grid.locator(`tr[data-county="${names.countyA}"]`).getByRole('button', { name: '保存本行' }).click();
      for (const unit of ['U1', 'U2']) {
        const cell = grid.getByLabel(`${names.countyB} ${unit} 考位数`);
        await cell.fill('10');
        await cell.press('Enter');
      }
      await expectCount(grid.getByText('已保存'), 4);
      await screenshot(page, SUITE, '06-quotas');
    });

    // What the browser made is in the database (checked once; every later step works on it).
    const m = server.db.models;
    const period = (await m.ExamPeriod.findByPk(periodId))!;
    expect(period.toJSON()).toMatchObject({
      code: names.periodCode,
      feePerCourseFen: 3500,
      maxCourses: 4,
      payDailyStart: '00:00',
      payDailyEnd: '24:00',
      dailyReleaseTime: '23:30',
      refundAllowed: true,
      bookingNotice: '请仔细阅读报考须知：每科报考费35元，缴费后方为报考成功。',
    });
    // Typed in Beijing time, stored as the same instants.
    expect(period.bookingOpensAt.getTime()).toBe(now - DAY);
    expect(period.printClosesAt!.getTime()).toBe(now + 35 * DAY);
    const counties = await m.County.findAll({ where: { code: countyCodes }, order: [['code', 'ASC']] });
    const quotas = await m.SeatQuota.findAll({ where: { periodId } });
    expect(quotas.map((q) => q.capacity).sort((a, b) => a - b)).toEqual([10, 10, 20, 30]);
    const byName = (name: string) => counties.find((c) => c.name === name)!;
    const units = await m.ExamUnit.findAll({ where: { periodId }, order: [['code', 'ASC']] });
    catalog = {
      periodId,
      cityId: byName(names.countyA).cityId,
      counties: [byName(names.countyA), byName(names.countyB)].map((c) => ({ countyId: c.id, name: c.name })),
      units: [
        { unitId: units[0]!.id, codes: [courseCodes[0]!, courseCodes[1]!] },
        { unitId: units[1]!.id, codes: [courseCodes[2]!, courseCodes[3]!] },
      ],
      majorId: 0, // not used: booking does not check courses against a major
      quotaId: async (countyId, unitId) =>
        (await m.SeatQuota.findOne({ where: { periodId, countyId, unitId }, rejectOnEmpty: true })).id,
    };
  });

  it('candidates book and pay; the grid refuses a capacity below the seats taken', async () => {
    refundMe = await holdAndConfirm(server, catalog, 2, 0);
    await payByScan(server, refundMe);
    keepMe = await holdAndConfirm(server, catalog, 1, 0);
    await payByScan(server, keepMe);
    elsewhere = await holdAndConfirm(server, catalog, 1, 1);
    await payByScan(server, elsewhere);

    await inBrowser(browser, server.baseUrl, 'below-taken', async (page) => {
      await signIn(page, province.username);
      await page.goto(`/admin/quotas?periodId=${periodId}`);
      const grid = page.getByRole('table', { name: '考位分配表' });
      const cell = grid.getByLabel(`${names.countyA} U1 考位数`);
      await expect.poll(() => cell.inputValue(), POLL).toBe('30');
      const row = grid.locator(`tr[data-county="${names.countyA}"]`);
      await expectText(row.locator('td').nth(1), '已占 2');
      await cell.fill('1');
      await cell.press('Enter');
      await row.getByRole('alert').getByText('考位数不能小于已占用的考位数（2）').waitFor();
      await screenshot(page, SUITE, '07-quotas-below-taken');
      const quotaId = await catalog.quotaId(catalog.counties[0]!.countyId, catalog.units[0]!.unitId);
      expect((await server.db.models.SeatQuota.findByPk(quotaId))!.capacity).toBe(30);
      // Down to 25 is fine: a change the audit log shows as 30 → 25.
      await cell.fill('25');
      await cell.press('Enter');
      await row.locator('td').nth(1).getByText('已保存').waitFor();
      expect((await server.db.models.SeatQuota.findByPk(quotaId))!.capacity).toBe(25);

      // The province sees both counties live.
      await page.goto(`/admin/seats?periodId=${periodId}`);
      const seats = page.getByRole('table', { name: '考位明细' });
      await seats.getByRole('cell', { name: names.countyA }).first().waitFor();
      await seats.getByRole('cell', { name: names.countyB }).first().waitFor();
    });
  });

  it('a county official sees only their county, refunds a booking with a reason and exports the bookings', async () => {
    county = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });
    await inBrowser(browser, server.baseUrl, 'county', async (page) => {
      await signIn(page, county.username);
      await expect.poll(() => page.locator('.role-label').innerText(), POLL).toBe('县（市、区）考办');

      // Live seats: their county's two units, nothing of county B.
      await page.getByLabel('考次').selectOption(String(periodId));
      const seats = page.getByRole('table', { name: '考位明细' });
      await expectCount(seats.locator('tbody tr'), 2);
      await expectText(seats.locator('tbody'), names.countyA);
      expect(await seats.locator('tbody').innerText()).not.toContain(names.countyB);
      await page.getByText('报考进行中 · 每5秒自动刷新').waitFor();
      await screenshot(page, SUITE, '08-county-live-seats');

      // Bookings: county A's two candidates only.
      await page.getByRole('link', { name: '报考记录' }).click();
      await page.getByRole('heading', { name: '报考记录' }).waitFor();
      await page.getByLabel('考次').selectOption(String(periodId));
      const bookings = page.getByRole('table', { name: '报考记录列表' });
      await expectCount(bookings.locator('tbody tr'), 2);
      await expectText(bookings.locator('tbody'), refundMe.candidate.ticketNo);
      await expectText(bookings.locator('tbody'), keepMe.candidate.ticketNo);
      expect(await bookings.locator('tbody').innerText()).not.toContain(elsewhere.candidate.ticketNo);
      await expectText(bookings.locator('tbody'), maskIdCardNo(refundMe.candidate.idCardNo));
      await expect
        .poll(() => page.getByLabel('县（市、区）').locator('option').allInnerTexts(), POLL)
        .toEqual(['全部', `${names.city} ${names.countyA}`]);
      await screenshot(page, SUITE, '09-county-bookings');

      // Another county's booking, by its address: refused.
      const elsewhereBooking = await server.db.models.Booking.findOne({
        where: { candidateId: elsewhere.candidate.candidateId, periodId },
        rejectOnEmpty: true,
      });
      await page.goto(`/admin/bookings/${elsewhereBooking.id}`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).not.toContain(elsewhere.candidate.ticketNo);
      await screenshot(page, SUITE, '10-other-county-refused');

      // Open a booking and refund it with a reason.
      await page.goto(`/admin/bookings?periodId=${periodId}`);
      await bookings
        .locator('tr', { hasText: refundMe.candidate.ticketNo })
        .getByRole('link', { name: '详情' })
        .click();
      await page.getByRole('heading', { name: '报考详情' }).waitFor();
      const payments = page.getByRole('table', { name: '缴费订单' });
      await payments.getByRole('cell', { name: refundMe.outTradeNo }).waitFor();
      await screenshot(page, SUITE, '11-booking-detail');
      await payments.getByRole('button', { name: '代为退费' }).click();
      const dialog = page.getByRole('dialog', { name: '代为退费' });
      await dialog.locator('textarea[name=reason]').fill('考生因工作调动无法参加考试，申请退费');
      await screenshot(page, SUITE, '12-refund-dialog');
      await dialog.getByRole('button', { name: '确认退费' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('已提交退费').waitFor();
      const refunds = page.getByRole('table', { name: '退费记录' });
      await refunds.getByRole('cell', { name: '考生因工作调动无法参加考试，申请退费' }).waitFor();
      // WeChat Pay confirms the refund a moment later; a reload shows it done.
      await expect
        .poll(async () => {
          await page.reload();
          await refunds.waitFor();
          return refunds.innerText();
        }, POLL)
        .toContain('退款成功');
      await expectText(page.getByRole('table', { name: '报考课程' }), '已退费');
      await screenshot(page, SUITE, '13-refunded');

      // The refunds list of the district has it, with the reason.
      await page.getByRole('link', { name: '退费记录' }).click();
      await page.getByRole('heading', { name: '退费记录' }).waitFor();
      await page.getByLabel('考次').selectOption(String(periodId));
      const refundList = page.getByRole('table', { name: '退费记录列表' });
      await expectCount(refundList.locator('tbody tr'), 1);
      await expectText(refundList, '考生因工作调动无法参加考试，申请退费');
      await expectText(refundList, '退款成功');
      await screenshot(page, SUITE, '14-county-refunds');

      // Export bookings to Excel: county A's three booked courses, IDs masked.
      await page.getByRole('link', { name: '数据导出' }).click();
      await page.getByRole('heading', { name: '数据导出' }).waitFor();
      await page.getByLabel('考次').selectOption(String(periodId));
      const downloaded = page.waitForEvent('download');
      await page.locator('[aria-label="报考明细"]').getByRole('button', { name: '导出 Excel' }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toMatch(new RegExp(`^报考明细_${names.periodCode}_\\d{8}\\.xlsx$`));
      const file = path.join(workDir, download.suggestedFilename());
      await download.saveAs(file);
      await page.getByText('已导出报考明细（XLSX）').waitFor();
      await screenshot(page, SUITE, '15-export');

      const rows = await readXlsx(await fs.promises.readFile(file));
      expect(rows[0]).toEqual(BOOKING_HEADERS);
      const data = rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5], r[7], r[9], r[12]]);
      const masked = (b: Booked) => maskIdCardNo(b.candidate.idCardNo);
      expect(data.sort()).toEqual(
        [
          [
            refundMe.candidate.ticketNo,
            masked(refundMe),
            names.city,
            names.countyA,
            courseCodes[0],
            'U1',
            '已退费',
            refundMe.outTradeNo,
          ],
          [
            refundMe.candidate.ticketNo,
            masked(refundMe),
            names.city,
            names.countyA,
            courseCodes[2],
            'U2',
            '已退费',
            refundMe.outTradeNo,
          ],
          [
            keepMe.candidate.ticketNo,
            masked(keepMe),
            names.city,
            names.countyA,
            courseCodes[0],
            'U1',
            '已缴费',
            keepMe.outTradeNo,
          ],
        ].sort(),
      );
      const text = JSON.stringify(rows);
      for (const b of [refundMe, keepMe]) expect(text).not.toContain(b.candidate.idCardNo);
      expect(text).not.toContain(elsewhere.candidate.ticketNo);
    });
  });

  it('the audit log shows each change with who did what', async () => {
    await inBrowser(browser, server.baseUrl, 'audit', async (page) => {
      await signIn(page, province.username);
      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      const list = page.getByRole('table', { name: '审计日志列表' });
      await list.locator('tbody tr').first().waitFor();

      // The province's own changes: filter by who.
      await page.getByLabel('操作人').fill(province.username);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(/actor=/);
      const row = (action: string, text?: string) =>
        list.locator('tbody tr', { hasText: action }).filter(text ? { hasText: text } : {});
      await expectCount(row('新建考次', names.periodCode), 1);
      await expectCount(row('新增考试单元'), 2);
      await expectCount(row('导入开考课程', '开考课程.xlsx'), 1);
      await expectCount(row('新增市（州）', names.city), 1);
      await expectCount(row('新增县（市、区）'), 2);
      await expectCount(row('设置考位数（新增）'), 4);
      const changed = row('quota.set_capacity');
      await expectCount(changed, 1);
      await expectText(changed, '30 → 25');
      await expectText(list.locator('tbody'), province.username);
      await screenshot(page, SUITE, '16-audit-province');

      // The county official's refund, with the reason.
      await page.getByLabel('操作人').fill(county.username);
      await page.getByRole('button', { name: '查询' }).click();
      const refund = row('退费', '考生因工作调动无法参加考试，申请退费');
      await expectCount(refund, 1);
      await expectText(refund, county.username);
      await expectText(row('导出报考明细'), '行数');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('status').getByText('您已安全退出').waitFor();
      await screenshot(page, SUITE, '17-audit-refund');
    });
  });
});
