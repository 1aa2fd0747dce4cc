import { randomBytes } from 'node:crypto';
import { signedInOfficial } from '@kaowei/server/test/support/adminSession';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { unitsOf, unitView } from '@kaowei/server/src/modules/catalog/catalogRepository';
import type { ExamPeriodRecord } from '@kaowei/server/src/modules/catalog/models';
import { periodView } from '@kaowei/server/src/modules/catalog/routes';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';
import { openMiniPage, seeText } from './support/miniprogram';

const SUITE = 'miniprogram-states';
const DAY_MS = 86_400_000;

/** "2027年3月1日 09:00" as a candidate in China reads a moment (Beijing time). */
function beijingMinute(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`;
}

/**
 * Issue #6: the states every page handles, as a candidate sees them on a phone — booking window not open yet
 * (and when it opens), loading, network failure with retry, nothing booked yet, and a session that has ended.
 */
describe('mini-program page states (H5, phone screen)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let candidate: ReadyCandidate;
  let futurePeriod: ExamPeriodRecord | undefined;
  /** Stays on the login page, unlike the toast that also says it. */
  const expiredNotice = () =>
    page.locator('.login-expired').filter({ visible: true }).getByText('登录已过期，请重新登录');

  beforeAll(async () => {
    ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    candidate = await readyCandidate(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    // The period would open in a few days and become another run's current period: leave nothing behind.
    await futurePeriod?.destroy();
    await server?.close();
  });

  beforeEach(async () => {
    context = await phoneContext(browser, server.baseUrl);
    page = await context.newPage();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, SUITE, `failed-${task.name.slice(0, 20)}`);
    await context.close();
  });

  it('报考 before the booking window opens says when it opens, and offers no course entry', async () => {
    const opensAt = new Date(Math.ceil((Date.now() + 3 * DAY_MS) / 60_000) * 60_000);
    const tag = randomBytes(3).toString('hex');
    futurePeriod = await server.db.models.ExamPeriod.create({
      code: `F${tag}`,
      name: `未开放考次${tag}`,
      bookingOpensAt: opensAt,
      bookingClosesAt: new Date(opensAt.getTime() + 14 * DAY_MS),
      paymentOpensAt: opensAt,
      paymentClosesAt: new Date(opensAt.getTime() + 15 * DAY_MS),
      refundDeadline: new Date(opensAt.getTime() + 14 * DAY_MS),
      printOpensAt: null,
      printClosesAt: null,
      payDailyStart: '09:00',
      payDailyEnd: '22:00',
      feePerCourseFen: 3500,
      maxCourses: 4,
      bookingNotice: '报考须知',
    });
    // The server's current period is global (the open one that opened last, else the next to open) and takes no
    // candidate or major. Other test files running now keep periods open in the shared database, so ours can only
    // become current by closing theirs. Instead this phone is told that our period is the current one: the answer
    // is the server's own view of it (periodView and the units, as GET /api/catalog/current-period builds it), and
    // nothing in the database changes for anyone else.
    const view = { ...periodView(futurePeriod), units: (await unitsOf(server.db, futurePeriod.id)).map(unitView) };
    await context.route('**/api/catalog/current-period', (route) => route.fulfill({ json: view }));
    await signInH5(context, candidate);

    await openMiniPage(page, 'booking');
    await seeText(page, '报考尚未开始');
    await seeText(page, futurePeriod.name);
    await seeText(page, `报考将于 ${beijingMinute(opensAt)} 开始`);
    await screenshot(page, SUITE, '01-window-not-open');
    for (const entry of ['#notice-ack', '#city-picker', '#course-code', '#add-course']) {
      expect(await page.locator(entry).count(), entry).toBe(0);
    }
  });

  it('我的 shows loading, then the network failure with a retry that loads the profile once the network is back', async () => {
    await signInH5(context, candidate);
    let answerRequests!: () => void;
    const networkDown = new Promise<void>((resolve) => (answerRequests = resolve));
    await context.route('**/api/**', async (route) => {
      await networkDown;
      await route.abort('internetdisconnected');
    });

    await openMiniPage(page, 'mine');
    await seeText(page, '加载中…');
    await screenshot(page, SUITE, '02-loading');
    answerRequests();
    const failure = page.locator('.page-state-message').filter({ visible: true });
    await failure.getByText('网络连接失败，请检查网络后重试').waitFor();
    const retry = page.getByText('重新加载', { exact: true }).filter({ visible: true });
    await retry.waitFor();
    await screenshot(page, SUITE, '03-network-failure');

    await context.unroute('**/api/**');
    await retry.tap();
    await seeText(page, `准考证号 ${candidate.ticketNo}`);
    await failure.waitFor({ state: 'detached' });
    await screenshot(page, SUITE, '04-after-retry');
  });

  it('我的报考 of a candidate who has booked nothing says so and leads to 报考', async () => {
    await signInH5(context, candidate);
    await openMiniPage(page, 'my-bookings');
    await seeText(page, '暂无报考记录');
    await page.getByText('去报考', { exact: true }).filter({ visible: true }).waitFor();
    await screenshot(page, SUITE, '05-no-bookings');
  });

  it('a session ended by an official password reset lands on 登录 saying the sign-in has expired', async () => {
    const resetOne = await readyCandidate(server);
    await signInH5(context, resetOne);
    await openMiniPage(page, 'mine');
    await seeText(page, `准考证号 ${resetOne.ticketNo}`);

    const official = await signedInOfficial(server, 'province');
    const reset = await official.api.post(`/api/admin/candidates/${resetOne.candidateId}/reset-password`, {
      reason: '考生来电申请重置密码',
    });
    expect(reset.status, reset.text).toBe(200);

    await page.reload();
    await page.waitForURL(/pages\/login\/index/, { timeout: 15_000 });
    await expiredNotice().waitFor();
    await seeText(page, '密码登录');
    await screenshot(page, SUITE, '06-session-ended-by-reset');
  });

  it('a stored session with tokens the server does not know lands on 登录 saying the sign-in has expired', async () => {
    await signInH5(context, { ...candidate, accessToken: 'not-a-token', refreshToken: 'not-a-token-either' });
    await openMiniPage(page, 'my-bookings');
    await page.waitForURL(/pages\/login\/index/, { timeout: 15_000 });
    await expiredNotice().waitFor();
    await seeText(page, '密码登录');
    await screenshot(page, SUITE, '07-unknown-session');
  });
});
