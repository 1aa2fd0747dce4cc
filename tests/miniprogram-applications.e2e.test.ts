import type { ApplicationQueueView, ApplicationView } from '@kaowei/shared';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import {
  applicationWorld,
  createDraft,
  openWindows,
  pdfBytes,
  submit,
  uploadProof,
} from '@kaowei/server/test/support/applications';
import { makePng } from '@kaowei/server/test/support/images';
import { insertScore } from '@kaowei/server/test/support/records';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot, screenshotFailures } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';
import { openMiniPage, seeText } from './support/miniprogram';
import { answerModal, fillInput } from './support/taroH5';

const SUITE = 'miniprogram-applications';

/**
 * Issue #16 in the mini-program: a candidate files a 免考 with its certificate as a PDF (须知, form, material,
 * preview, 提交); the county office approves it (admin API: its queue page is another session's), and the course
 * shows as passed (免考) with the application 已通过. A 信息变更 kept as a 草稿 is withdrawn; one 未通过 is
 * corrected and submitted again.
 */
describe('mini-program 业务办理 (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let world: Awaited<ReturnType<typeof applicationWorld>>;
  let candidate: ReadyCandidate;
  let courseCode: string;
  screenshotFailures(SUITE, () => page);

  /** Taps the visible one (pages below the current one stay in the DOM, hidden, with the same ids). */
  const tap = (selector: string) => page.locator(selector).filter({ visible: true }).first().tap();
  const textOf = (selector: string) => page.locator(selector).filter({ visible: true }).first().textContent();

  beforeAll(async () => {
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    world = await applicationWorld(server);
    courseCode = (await server.db.models.Course.findByPk(world.own.courseIds[0]))!.code;
    // A ticket of the major whose plan holds the course (免考 needs it in the plan).
    candidate = await readyCandidate(server, { majorId: world.planMajorId });
    // Registered in the county whose office reviews it.
    await server.db.models.Candidate.update({ countyId: world.own.countyId }, { where: { id: candidate.candidateId } });
    browser = await launchChromium();
    context = await phoneContext(browser, server.baseUrl);
    await signInH5(context, candidate);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openKind(kind: string) {
    await page.goto('/#/pages/mine/index');
    await tap('#mine-applications');
    const card = page.locator(`#app-kind-${kind}`);
    await expect.poll(() => card.textContent()).toContain('办理中');
    return card;
  }

  it('files a 免考 with a PDF certificate; once the county approves, the course is passed by 免考', async () => {
    const card = await openKind('exemption');
    expect(await card.textContent()).toMatch(/办理时间：\d{4}年.+至.+网上办理/);
    await screenshot(page, SUITE, '01-kinds');
    await card.tap();

    // 须知 first: 下一步 only once it is accepted.
    await seeText(page, '我已阅读并知晓免考相关要求及流程');
    await tap('#notice-ack');
    await tap('#notice-next');

    // The form, checked by the shared schema before anything is sent.
    await fillInput(page, 'app-field-courseCode', courseCode);
    await tap('#app-next');
    await seeText(page, '请填写免考依据（所持证书或已修课程）');
    expect(await server.db.models.CandidateApplication.count({ where: { candidateId: candidate.candidateId } })).toBe(
      0,
    );
    await fillInput(page, 'app-field-basis', '已取得全国计算机等级考试二级证书');
    await tap('#app-next');

    // Materials: the kind's limits shown, the certificate required before the preview.
    await seeText(page, '每个不超过5MB，最多3个；须上传证书');
    await tap('#app-next');
    await seeText(page, '请上传证书');
    const chooser = page.waitForEvent('filechooser');
    await tap('#app-attach');
    await (await chooser).setFiles({ name: '计算机等级证书.pdf', mimeType: 'application/pdf', buffer: pdfBytes(4096) });
    await seeText(page, '证书：计算机等级证书.pdf');
    expect(await textOf('.app-attachments')).toContain('PDF');
    await screenshot(page, SUITE, '02-attachment');

    // Preview, read-only, then 提交.
    await tap('#app-next');
    const preview = page.locator('#app-preview');
    await expect.poll(() => preview.textContent()).toContain(courseCode);
    expect(await preview.textContent()).toContain('已取得全国计算机等级考试二级证书');
    await screenshot(page, SUITE, '03-preview');
    await tap('#app-submit');
    await page.waitForURL(/pages\/application-detail\/index\?id=\d+/);
    await expect.poll(() => textOf('#app-detail-state')).toBe('已提交');
    const id = Number(/id=(\d+)/.exec(page.url())![1]);

    // The county office finds it in its queue and approves it.
    const queue = await world.ownCounty.api.get<ApplicationQueueView>(
      '/api/admin/applications?kind=exemption&state=submitted',
    );
    expect(queue.body.items.map((a) => a.id)).toContain(id);
    const approved = await world.ownCounty.api.post<ApplicationView>(`/api/admin/applications/${id}/decision`, {
      outcome: 'approve',
    });
    expect(approved.status, approved.text).toBe(200);

    await page.reload();
    await expect.poll(() => textOf('#app-detail-state')).toBe('已通过');
    expect(await textOf('#app-decisions')).toContain('通过');
    await screenshot(page, SUITE, '04-approved');

    await page.goto('/#/pages/mine/index');
    await tap('#mine-passed');
    const passed = page.locator(`#passed-${courseCode}`);
    await expect.poll(() => passed.textContent()).toContain('免考');

    await page.goto('/#/pages/mine/index');
    await tap('#mine-my-applications');
    const row = page.locator(`#my-application-${id}`);
    await expect.poll(() => row.textContent()).toContain('已通过');
    expect(await row.textContent()).toContain('免考申请');
    await screenshot(page, SUITE, '05-my-applications');
  });

  it('keeps a 信息变更 as a 草稿 and withdraws it before review', async () => {
    // A kind not open (or not online) does not start, even from a link.
    await openMiniPage(page, 'application-form', 'kind=graduation');
    await expect.poll(() => textOf('#app-kind-closed')).toMatch(/暂未开通网上办理|不在毕业申请办理时间内/);
    expect(await page.locator('#notice-next').filter({ visible: true }).count()).toBe(0);

    (await openKind('info_change')).tap();
    await seeText(page, '我已阅读并知晓信息变更相关要求及流程');
    await tap('#notice-ack');
    await tap('#notice-next');
    await fillInput(page, 'app-field-name', '钱新');
    await fillInput(page, 'app-field-reason', '户籍姓名已变更');
    await tap('#app-save-draft');
    await page.waitForURL(/pages\/application-detail\/index\?id=\d+/);
    await expect.poll(() => textOf('#app-detail-state')).toBe('草稿');
    const id = Number(/id=(\d+)/.exec(page.url())![1]);
    expect(await page.locator('#app-summary-name').filter({ visible: true }).textContent()).toContain('钱新');

    await tap('#app-withdraw');
    await answerModal(page, '撤回后申请作废');
    await expect.poll(() => textOf('#app-detail-state')).toBe('已撤回');
    expect(await page.locator('#app-withdraw').filter({ visible: true }).count()).toBe(0);
    const stored = await server.db.models.CandidateApplication.findByPk(id);
    expect(stored?.state).toBe('withdrawn');
    await screenshot(page, SUITE, '06-withdrawn');
  });

  it('shows why a 信息变更 was not passed, and submits it again corrected', async () => {
    const api = new ApiClient(server.baseUrl);
    api.token = candidate.accessToken;
    const draft = await createDraft(api, 'info_change', { name: '钱心' });
    expect(draft.status, draft.text).toBe(200);
    await uploadProof(api, draft.body.id, pdfBytes(), { proof: 'id_document', name: '身份证.pdf' });
    expect((await submit(api, draft.body.id, { name: '钱心', reason: '户籍姓名已变更' })).status).toBe(200);
    const rejected = await world.ownCounty.api.post(`/api/admin/applications/${draft.body.id}/decision`, {
      outcome: 'reject',
      reason: '新姓名与户籍证明不一致',
    });
    expect(rejected.status, rejected.text).toBe(200);

    await page.goto('/#/pages/mine/index');
    await tap('#mine-my-applications');
    const row = page.locator(`#my-application-${draft.body.id}`);
    await expect.poll(() => row.textContent()).toContain('未通过');
    expect(await row.textContent()).toContain('新姓名与户籍证明不一致');
    await row.tap();
    await expect.poll(() => textOf('#app-decisions')).toContain('不通过');
    expect(await textOf('#app-decisions')).toContain('新姓名与户籍证明不一致');
    expect(await page.locator('#app-withdraw').filter({ visible: true }).count()).toBe(0);
    await screenshot(page, SUITE, '07-rejected');

    await tap('#app-correct');
    await seeText(page, '请按原因修改后重新提交');
    expect(await page.locator('#app-field-name input').filter({ visible: true }).inputValue()).toBe('钱心');
    await fillInput(page, 'app-field-name', '钱新');
    await tap('#app-next');
    await seeText(page, '身份证件：身份证.pdf');
    const chooser = page.waitForEvent('filechooser');
    await tap('#app-attach');
    await (await chooser).setFiles({ name: '户籍证明.png', mimeType: 'image/png', buffer: makePng(400, 300) });
    await seeText(page, '身份证件：户籍证明.png');
    await tap('#app-next');
    await expect.poll(() => page.locator('#app-preview').textContent()).toContain('钱新');
    await tap('#app-submit');
    await expect.poll(() => textOf('#app-detail-state')).toBe('已提交');
    const stored = await server.db.models.CandidateApplication.findByPk(draft.body.id);
    expect(stored).toMatchObject({ state: 'submitted', form: expect.objectContaining({ name: '钱新' }) });
    await screenshot(page, SUITE, '08-resubmitted');
  });
  it('files a 成绩复核 choosing the score among the candidate’s published ones', async () => {
    await openWindows(server, ['score_review']);
    const ticket = (await server.db.models.Ticket.findOne({ where: { candidateId: candidate.candidateId } }))!;
    const course = (await server.db.models.Course.findByPk(world.own.courseIds[1]))!;
    const opens = Date.now() - 120 * 86_400_000;
    const period = await server.db.models.ExamPeriod.create({
      code: 'FH2026',
      name: '复核考次',
      bookingOpensAt: new Date(opens),
      bookingClosesAt: new Date(opens + 10 * 86_400_000),
      paymentOpensAt: new Date(opens),
      paymentClosesAt: new Date(opens + 11 * 86_400_000),
      feePerCourseFen: 3500,
      maxCourses: 4,
      bookingNotice: '报考须知',
      scoresPublishAt: new Date(Date.now() - 3600_000),
    });
    await insertScore(
      server.db,
      { candidateId: candidate.candidateId, ticketId: ticket.id, periodId: period.id, courseId: course.id },
      { score: 58, passed: false },
    );

    (await openKind('score_review')).tap();
    await seeText(page, '我已阅读并知晓成绩复核相关要求及流程');
    await tap('#notice-ack');
    await tap('#notice-next');
    expect(await page.locator('#app-field-periodId').filter({ visible: true }).count()).toBe(0);
    await tap('#app-field-score');
    await page.locator('#app-field-score-sheet .option-item', { hasText: course.code }).tap();
    expect(await textOf('#app-field-score')).toContain(`复核考次 ${course.code}`);
    expect(await textOf('#app-field-score')).toContain('58');
    await fillInput(page, 'app-field-reason', '自认为答题完整，成绩偏低');
    await screenshot(page, SUITE, '09-score-review-form');
    await tap('#app-save-draft');
    await page.waitForURL(/pages\/application-detail\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(page.url())![1]);
    expect((await server.db.models.CandidateApplication.findByPk(id))!.form).toMatchObject({
      periodId: period.id,
      courseCode: course.code,
    });
  });

  // Last: the approval marks the candidate's ticket 已转出.
  it('downloads the 转出证明 of an approved 转出 as a PDF', async () => {
    await openWindows(server, ['transfer_out']);
    const api = new ApiClient(server.baseUrl);
    api.token = candidate.accessToken;
    const form = { toProvince: '四川省', reason: '工作调动至成都' };
    const draft = await createDraft(api, 'transfer_out', form);
    expect(draft.status, draft.text).toBe(200);
    expect((await submit(api, draft.body.id, form)).body).toMatchObject({ state: 'submitted' });
    await openMiniPage(page, 'application-detail', `id=${draft.body.id}`);
    await expect.poll(() => textOf('#app-detail-state')).toBe('已提交');
    expect(await page.locator('#app-transfer-certificate').filter({ visible: true }).count()).toBe(0);
    const approved = await world.ownCounty.api.post(`/api/admin/applications/${draft.body.id}/decision`, {
      outcome: 'approve',
    });
    expect(approved.status, approved.text).toBe(200);

    await page.reload();
    await expect.poll(() => textOf('#app-detail-state')).toBe('已通过');
    const [download] = await Promise.all([page.waitForEvent('download'), tap('#app-transfer-certificate')]);
    expect(download.suggestedFilename()).toMatch(/^转出证明-\d+\.pdf$/);
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, SUITE, '10-transfer-certificate');
  });
});
