import { insertPassed, insertRecordsWorld, insertScore } from '@kaowei/server/test/support/records';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { maskIdCardNo } from '@kaowei/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot, screenshotFailures } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';
import { fillInput } from './support/taroH5';
import { openMiniPage, seeText, watchCaptchas } from './support/miniprogram';

const SUITE = 'miniprogram-records';
const HOUR = 3600_000;
const NAME = '王晓红';

/**
 * Issue #15: before the publish time 我的 → 成绩查询 shows only when the scores come out; once published the candidate
 * sees each course's score and 合格/不合格, and 已合格课程 lists the courses passed by exam, 免考 and 转入.
 */
describe('mini-program 成绩查询 and 已合格课程 (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let world: Awaited<ReturnType<typeof insertRecordsWorld>>;
  let candidate: ReadyCandidate;
  screenshotFailures(SUITE, () => page);

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    world = await insertRecordsWorld(server.db, [new Date(Date.now() - 200 * 24 * HOUR), new Date(Date.now() + HOUR)]);
    candidate = await readyCandidate(server, { majorId: world.major.id });
    await server.db.models.Candidate.update({ name: NAME }, { where: { id: candidate.candidateId } });
    const ticket = await server.db.models.Ticket.findOne({
      where: { candidateId: candidate.candidateId },
      rejectOnEmpty: true,
    });
    const [older, newer] = world.periods;
    const [c0, c1, c2] = world.courses;
    const mine = { candidateId: candidate.candidateId, ticketId: ticket.id };
    await insertScore(server.db, { ...mine, periodId: older!.id, courseId: c0!.id }, { score: 82, passed: true });
    await insertScore(server.db, { ...mine, periodId: newer!.id, courseId: c1!.id }, { score: 73, passed: true });
    await insertScore(server.db, { ...mine, periodId: newer!.id, courseId: c2!.id }, { mark: 'absent', passed: false });
    await insertPassed(
      server.db,
      { ticketId: ticket.id, courseId: c0!.id, periodCode: older!.code, periodId: older!.id },
      'exam',
      {
        score: 82,
      },
    );
    await insertPassed(
      server.db,
      { ticketId: ticket.id, courseId: c1!.id, periodCode: newer!.code, periodId: newer!.id },
      'exam',
      {
        score: 73,
      },
    );
    await insertPassed(
      server.db,
      { ticketId: ticket.id, courseId: world.courses[3]!.id, periodCode: '201904' },
      'exempt',
    );
    browser = await launchChromium();
    context = await phoneContext(browser, server.baseUrl);
    await signInH5(context, candidate);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the publish time before publishing, then the scores and the passed courses', async () => {
    const newer = world.periods[1]!;
    await page.goto('/#/pages/mine/index');
    await page.locator('#mine-scores').click();
    const card = page.locator(`#scores-${newer.id}`);
    await expect.poll(() => card.textContent()).toContain('成绩将于');
    expect(await card.textContent()).not.toContain('73');
    await screenshot(page, SUITE, 'scores-before-publishing');

    // The province's publish time passes.
    await server.db.models.ExamPeriod.update(
      { scoresPublishAt: new Date(Date.now() - 1000) },
      { where: { id: newer.id } },
    );
    server.db.catalog.invalidate();
    await page.reload();
    await expect.poll(() => card.textContent()).toContain('73');
    const shown = (await card.textContent()) ?? '';
    expect(shown).toContain(world.courses[1]!.name);
    expect(shown).toContain('合格');
    expect(await page.locator(`#score-${world.courses[2]!.code}`).textContent()).toContain('缺考');
    expect(await page.locator(`#scores-${world.periods[0]!.id}`).textContent()).toContain('82');
    await screenshot(page, SUITE, 'scores-published');

    await page.goto('/#/pages/mine/index');
    await page.locator('#mine-passed').click();
    const passed = page.locator(`#passed-${world.courses[1]!.code}`);
    await expect.poll(() => passed.textContent()).toContain('考试');
    expect(await page.locator(`#passed-${world.courses[3]!.code}`).textContent()).toContain('免考');
    expect(await page.locator(`#passed-${world.courses[0]!.code}`).textContent()).toContain('82');
    await screenshot(page, SUITE, 'passed-courses');

    await page.goto('/#/pages/mine/index');
    await page.locator('#mine-progress').click();
    await expect.poll(() => page.locator('.graduation-progress-page').textContent()).toContain('已获学分');
    await screenshot(page, SUITE, 'graduation-progress');
  });

  // After the test above published the newer period.
  it('looks up the latest published scores without logging in, from the login page', async () => {
    const visitor = await (await phoneContext(browser, server.baseUrl)).newPage();
    const captchas = watchCaptchas(visitor, server.simulator);
    await openMiniPage(visitor, 'login');
    await visitor.locator('#login-score-lookup').tap();
    await seeText(visitor, '查询成绩');
    await fillInput(visitor, 'score-lookup-name', NAME);
    await fillInput(visitor, 'score-lookup-id', candidate.idCardNo);
    await captchas.solve();
    await visitor.locator('#score-lookup-submit').tap();
    const result = visitor.locator('#score-lookup-result');
    await expect.poll(() => result.textContent()).toContain(world.periods[1]!.name);
    const shown = (await result.textContent()) ?? '';
    expect(shown).toContain('73');
    expect(shown).not.toContain(candidate.idCardNo);
    await screenshot(visitor, SUITE, 'public-lookup');
  });

  it('checks a certificate by its number and the holder’s name, without logging in', async () => {
    const certificateNo = `ZS${Date.now()}`;
    await server.db.models.Certificate.create({
      certificateNo,
      candidateId: candidate.candidateId,
      ticketId: (await server.db.models.Ticket.findOne({ where: { candidateId: candidate.candidateId } }))!.id,
      majorId: world.major.id,
      issuedOn: '2026-06-30',
    });
    const visitor = await (await phoneContext(browser, server.baseUrl)).newPage();
    const captchas = watchCaptchas(visitor, server.simulator);
    await openMiniPage(visitor, 'login');
    await visitor.locator('#login-certificate-lookup').tap();
    await seeText(visitor, '查询证书');

    // Another name on that number: told nothing about the holder.
    await fillInput(visitor, 'certificate-no', certificateNo);
    await fillInput(visitor, 'certificate-name', '李四');
    await captchas.solve();
    await visitor.locator('#certificate-submit').tap();
    await seeText(visitor, '未查询到证书');
    expect(await visitor.locator('#certificate-result').count()).toBe(0);

    await fillInput(visitor, 'certificate-name', NAME);
    await captchas.solve();
    await visitor.locator('#certificate-submit').tap();
    const result = visitor.locator('#certificate-result');
    await expect.poll(() => result.textContent()).toContain(world.major.name);
    const shown = (await result.textContent()) ?? '';
    expect(shown).toContain('2026-06-30');
    expect(shown).toContain(NAME);
    expect(shown).not.toContain(candidate.idCardNo);
    expect(shown).toContain(maskIdCardNo(candidate.idCardNo));
    await screenshot(visitor, SUITE, 'certificate-lookup');
  });
});
