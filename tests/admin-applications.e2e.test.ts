import type { ApplicationKindView, ApplicationView, MyScoresView } from '@kaowei/shared';
import { maskIdCardNo } from '@kaowei/shared';
import {
  applicationWorld,
  createDraft,
  decide,
  openWindows,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
  type Applicant,
} from '@kaowei/server/test/support/applications';
import { freshIdCardNo } from '@kaowei/server/test/support/fixtures';
import { insertPassed, insertScore } from '@kaowei/server/test/support/records';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectCount, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-applications';
const inBrowser = browserSessions(SUITE);

describe('officials review candidates’ applications in the admin: county → province, rejection with a reason, windows', () => {
  let server: TestServer;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    world = await applicationWorld(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A candidate of the county (named, to find the row) who files a 信息变更 with proofs. */
  async function filed(name: string, form: Record<string, unknown>, proofs: Array<Parameters<typeof uploadProof>[2]>) {
    const applicant = await signedInCandidate(server, world.own.countyId);
    await server.db.models.Candidate.update({ name }, { where: { id: applicant.candidateId } });
    const draft = await createDraft(applicant.api, 'info_change', form);
    expect(draft.status, draft.text).toBe(200);
    for (const [i, bytes] of proofs.entries()) {
      const png = bytes[0] === 0x89;
      const sent = await uploadProof(applicant.api, draft.body.id, bytes, {
        proof: i === 0 ? 'id_document' : 'household_register',
        name: png ? '户籍证明.png' : '身份证.pdf',
        type: png ? 'image/png' : 'application/pdf',
      });
      expect(sent.status, sent.text).toBe(200);
    }
    const sent = await submit(applicant.api, draft.body.id, form);
    expect(sent.status, sent.text).toBe(200);
    return { applicant, application: sent.body };
  }

  /** Opens the official's queue (on `state`'s tab if given, else where they start) and the candidate's row. */
  /** (`username` null: already signed in.) */
  async function openApplication(page: Page, username: string | null, name: string, state?: string, kind = '信息变更') {
    if (username) await signIn(page, username);
    await page.getByRole('link', { name: '业务审核' }).click();
    await page.getByRole('heading', { name: '业务审核' }).waitFor();
    if (kind !== '信息变更') await page.getByRole('tab', { name: kind, exact: true }).click();
    if (state) await page.getByRole('tab', { name: new RegExp(state) }).click();
    const row = page.getByRole('table', { name: '申请列表' }).locator('tbody tr', { hasText: name });
    await expectCount(row, 1);
    await row.click();
    const detail = page.getByLabel('申请详情');
    await detail.getByRole('heading', { name: `${name} · ${kind}` }).waitFor();
    return { row, detail };
  }

  const candidateView = async (applicant: Applicant, id: number) =>
    (await applicant.api.get<ApplicationView>(`/api/applications/${id}`)).body;

  it('a document change: the county sees the proofs and sends it up; the province approves it and the number changes', async () => {
    const newNo = freshIdCardNo();
    const { applicant, application } = await filed(
      '孙换证',
      { documentType: 'resident_id', documentNo: newNo, reason: '身份证号码登记有误' },
      [pdfBytes(4096), makePng(60, 40)],
    );
    const onFile = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;

    await inBrowser(browser, server.baseUrl, 'county-forwards', async (page) => {
      const { row, detail } = await openApplication(page, world.ownCounty.username, '孙换证');
      await expectText(row, '须报省');
      await expectText(page.getByRole('tab', { name: /已提交/ }), '1');
      // Compared with the number on file; both masked, the new one never in clear.
      const changes = detail.getByRole('table', { name: '变更内容' });
      await expectText(changes, onFile.idCardMasked);
      await expectText(changes, maskIdCardNo(newNo));
      expect(await page.locator('body').innerText()).not.toContain(newNo);
      await expectText(detail, '通过后报省考试院审核');
      // The image proof inline (fetched with the token), the PDF saved through the API.
      const image = detail.getByRole('img', { name: '户籍证明.png' });
      await expect
        .poll(() => image.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(60);
      expect(await image.getAttribute('src')).toMatch(/^blob:/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        detail.getByRole('listitem').filter({ hasText: '身份证.pdf' }).getByRole('button', { name: '下载' }).click(),
      ]);
      const saved = await readFile((await download.path())!);
      expect(saved.subarray(0, 5).toString()).toBe('%PDF-');
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        detail.getByRole('listitem').filter({ hasText: '身份证.pdf' }).getByRole('button', { name: '查看' }).click(),
      ]);
      await tab.waitForURL(/^blob:/);
      await tab.close();
      await screenshot(page, SUITE, '01-county-review');

      await detail.getByRole('button', { name: '通过并报省' }).click();
      await page.getByRole('status').getByText('孙换证的信息变更：已同意并报省考试院审核').waitFor();
      await expectText(detail, '审核中（已报省）');
      await expectText(detail.getByRole('list', { name: '审核记录' }), '同意，报省考试院审核');
      await detail.getByText('已报省考试院审核，等待省考试院决定').waitFor();
      await expectCount(detail.getByRole('button', { name: /通过/ }), 0);
      await screenshot(page, SUITE, '02-county-forwarded');
    });
    expect(await candidateView(applicant, application.id)).toMatchObject({ state: 'in_review' });

    await inBrowser(browser, server.baseUrl, 'province-approves', async (page) => {
      // The province starts on 审核中: what the counties sent up.
      const { detail } = await openApplication(page, world.province.username, '孙换证');
      await expectText(detail, '审核中（已报省）');
      await screenshot(page, SUITE, '03-province-review');
      await detail.getByRole('button', { name: '通过', exact: true }).click();
      await page.getByRole('status').getByText('孙换证的信息变更：已审核通过').waitFor();
      // Approved: the table now shows what the approval froze.
      const changes = detail.getByRole('table', { name: '变更内容' });
      await expectText(changes, '变更前');
      await expectText(changes, maskIdCardNo(newNo));
      await expectText(detail.getByRole('list', { name: '审核记录' }), '省考试院');
      await screenshot(page, SUITE, '04-province-approved');
    });
    const after = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    expect(after.idCardHash).toBe(server.services.vault.hash(newNo));
    expect(after.idCardMasked).toBe(maskIdCardNo(newNo));
    expect(await candidateView(applicant, application.id)).toMatchObject({
      state: 'approved',
      after: { documentNo: maskIdCardNo(newNo) },
    });
    // The county follows the link to the candidate's page and reads the new number there.
    await inBrowser(browser, server.baseUrl, 'county-candidate-page', async (page) => {
      const { detail } = await openApplication(page, world.ownCounty.username, '孙换证', '已通过');
      await detail.getByRole('link', { name: '孙换证' }).click();
      await page.getByRole('heading', { name: '考生详情' }).waitFor();
      await expectText(page.locator('dl.facts').first(), maskIdCardNo(newNo));
    });
  });

  it('a rejection needs a reason, and the candidate reads it', async () => {
    const { applicant, application } = await filed('钱改名', { name: '钱新名', reason: '户籍登记姓名已变更' }, [
      pdfBytes(),
    ]);
    const reason = '户籍证明上的姓名与申请不一致，请补充派出所出具的更名证明';
    await inBrowser(browser, server.baseUrl, 'county-rejects', async (page) => {
      const { detail } = await openApplication(page, world.ownCounty.username, '钱改名');
      await expectText(detail.getByRole('table', { name: '变更内容' }), '钱新名');
      await detail.getByRole('button', { name: '不通过' }).click();
      const dialog = page.getByRole('dialog', { name: '审核不通过' });
      await dialog.getByRole('button', { name: '确认不通过' }).click();
      await dialog.getByRole('alert').getByText('不通过须填写原因').waitFor();
      await dialog.locator('textarea[name=reason]').fill(reason);
      await dialog.getByRole('button', { name: '确认不通过' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('钱改名的信息变更：已审核不通过').waitFor();
      await expectText(detail.getByRole('list', { name: '审核记录' }), reason);
      // Still listed under 未通过, with its count.
      await page.getByRole('tab', { name: /未通过/ }).click();
      await expectCount(page.getByRole('table', { name: '申请列表' }).locator('tbody tr', { hasText: '钱改名' }), 1);
      await screenshot(page, SUITE, '05-county-rejected');
    });
    expect(await candidateView(applicant, application.id)).toMatchObject({ state: 'rejected', rejectReason: reason });
    expect((await server.db.models.Candidate.findByPk(applicant.candidateId))!.name).toBe('钱改名');
  });

  it('the province opens 转出申请 for a time on 业务办理时间, candidates see it, and removes it; a county has no such page', async () => {
    // Beijing time as typed into the form; two days ahead, for a week.
    const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
    const start = Math.floor(Date.now() / 60_000) * 60_000 + 2 * 86_400_000;
    const end = start + 7 * 86_400_000;
    const kinds = async () => {
      const applicant = await signedInCandidate(server, world.own.countyId);
      const answer = await applicant.api.get<{ kinds: ApplicationKindView[] }>('/api/applications/kinds');
      return answer.body.kinds.find((k) => k.kind === 'transfer_out')!;
    };
    await inBrowser(browser, server.baseUrl, 'province-windows', async (page) => {
      await signIn(page, world.province.username);
      await page.getByRole('link', { name: '业务办理时间' }).click();
      await page.getByRole('heading', { name: '业务办理时间' }).waitFor();
      const form = page.getByRole('form', { name: '添加办理时间' });
      await form.getByLabel('办理事项').selectOption({ label: '转出申请' });
      await form.getByLabel('开始时间').fill(beijing(end));
      await form.getByLabel('结束时间').fill(beijing(start));
      await form.getByRole('button', { name: '添加办理时间' }).click();
      await form.getByRole('alert').getByText('办理结束时间须晚于开始时间').waitFor();
      await form.getByLabel('开始时间').fill(beijing(start));
      await form.getByLabel('结束时间').fill(beijing(end));
      await form.getByRole('button', { name: '添加办理时间' }).click();
      await page.getByRole('status').getByText('已添加转出申请的办理时间').waitFor();
      const row = page.getByRole('table', { name: '办理时间列表' }).locator('tbody tr', { hasText: '转出申请' });
      await expectText(row, '长期');
      await expectText(row, '未开始');
      await expectText(row, beijing(start).replace('T', ' '));
      await screenshot(page, SUITE, '06-windows');
    });
    expect(await kinds()).toMatchObject({
      openNow: false,
      window: { opensAt: new Date(start).toISOString(), closesAt: new Date(end).toISOString() },
    });

    await inBrowser(browser, server.baseUrl, 'province-removes-window', async (page) => {
      await signIn(page, world.province.username);
      await page.getByRole('link', { name: '业务办理时间' }).click();
      const row = page.getByRole('table', { name: '办理时间列表' }).locator('tbody tr', { hasText: '转出申请' });
      await row.getByRole('button', { name: '删除' }).click();
      await row.getByRole('button', { name: '确认删除' }).click();
      await page.getByRole('status').getByText('已删除转出申请的办理时间').waitFor();
      await expectCount(row, 0);
    });
    expect((await kinds()).window).toBeNull();

    await inBrowser(browser, server.baseUrl, 'county-no-windows', async (page) => {
      await signIn(page, world.ownCounty.username);
      await page.getByRole('link', { name: '业务审核' }).waitFor();
      await expectCount(page.getByRole('link', { name: '业务办理时间' }), 0);
    });
  });
  /** A candidate of the county (named) under a ticket of the plan's major. */
  async function namedApplicant(name: string) {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    await server.db.models.Candidate.update({ name }, { where: { id: applicant.candidateId } });
    return applicant;
  }

  it('成绩复核: the county sends it up, the province sets the period’s days, sees the score and corrects it', async () => {
    await openWindows(server, ['score_review']);
    const applicant = await namedApplicant('周复核');
    const course = (await server.db.models.Course.findByPk(world.own.courseIds[0]))!;
    const opens = Date.now() - 120 * 86_400_000;
    const period = await server.db.models.ExamPeriod.create({
      code: `FH${applicant.ticketId}`,
      name: `复核考次${applicant.ticketId}`,
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
      { candidateId: applicant.candidateId, ticketId: applicant.ticketId, periodId: period.id, courseId: course.id },
      { score: 55, passed: false },
    );
    const form = { periodId: period.id, courseCode: course.code, reason: '自认为答题完整，成绩偏低' };
    const draft = await createDraft(applicant.api, 'score_review', form);
    expect(draft.status, draft.text).toBe(200);
    await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'application_form', name: '申请表.pdf' });
    const sent = await submit(applicant.api, draft.body.id, form);
    expect(sent.body, sent.text).toMatchObject({ state: 'submitted' });
    expect((await decide(world.ownCounty, draft.body.id, { outcome: 'approve' })).body).toMatchObject({
      state: 'in_review',
    });

    await inBrowser(browser, server.baseUrl, 'province-score-review', async (page) => {
      await signIn(page, world.province.username);
      await page.getByRole('link', { name: '成绩导入与发布' }).click();
      await page.getByLabel('考次', { exact: true }).selectOption({ label: `${period.name}（${period.code}）` });
      await expect.poll(() => page.getByLabel('成绩复核期限', { exact: true }).inputValue()).toBe('3');
      await page.getByLabel('成绩复核期限', { exact: true }).fill('10');
      await page.getByRole('button', { name: '保存复核期限' }).click();
      await page.getByRole('status').getByText('成绩复核申请期限已设为成绩发布后 10 个工作日').waitFor();

      const { detail } = await openApplication(page, null, '周复核', undefined, '成绩复核');
      const under = detail.getByLabel('复核成绩');
      await expectText(under, period.name);
      await expectText(under, '55分（不合格）');
      const approve = detail.getByRole('button', { name: '通过', exact: true });
      expect(await approve.isDisabled()).toBe(true);
      await detail.getByLabel('复核结果', { exact: true }).selectOption('corrected');
      await detail.getByLabel('新成绩').fill('64');
      await detail.getByLabel('更正原因').fill('复核发现第三大题漏计分');
      await screenshot(page, SUITE, '07-province-score-review');
      await approve.click();
      await page.getByRole('status').getByText('周复核的成绩复核：已审核通过').waitFor();
      await expectText(detail.getByLabel('申请内容'), '成绩有误，已更正');
      await expectText(under, '64分（合格）');
    });
    expect((await server.db.models.ExamPeriod.findByPk(period.id))!.scoreReviewDays).toBe(10);
    const scores = await applicant.api.get<MyScoresView>('/api/records/scores');
    const row = scores.body.periods.find((p) => p.periodId === period.id)!.scores[0];
    expect(row).toMatchObject({ courseCode: course.code, score: 64, passed: true });
  });

  it('转出: once the county approves it, its 转出证明 downloads as a PDF listing the passed course', async () => {
    // After the windows test above, which counts the 转出 windows.
    await openWindows(server, ['transfer_out']);
    const applicant = await namedApplicant('吴转出');
    const course = (await server.db.models.Course.findByPk(world.own.courseIds[0]))!;
    await insertPassed(server.db, { ticketId: applicant.ticketId, courseId: course.id, periodCode: '202304' }, 'exam', {
      score: 78,
    });
    const form = { toProvince: '四川省', reason: '工作调动至成都' };
    const draft = await createDraft(applicant.api, 'transfer_out', form);
    expect(draft.status, draft.text).toBe(200);
    expect((await submit(applicant.api, draft.body.id, form)).body).toMatchObject({ state: 'submitted' });

    await inBrowser(browser, server.baseUrl, 'county-transfer-out', async (page) => {
      const { detail } = await openApplication(page, world.ownCounty.username, '吴转出', undefined, '转出申请');
      await expectCount(detail.getByRole('button', { name: '下载转出证明' }), 0);
      await detail.getByRole('button', { name: '通过', exact: true }).click();
      await page.getByRole('status').getByText('吴转出的转出申请：已审核通过').waitFor();
      await expectText(detail.getByLabel('申请内容'), '已转出');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        detail.getByRole('button', { name: '下载转出证明' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const path = (await download.path())!;
      expect((await readFile(path)).subarray(0, 4).toString()).toBe('%PDF');
      if (existsSync('/usr/bin/pdftotext')) {
        const text = execFileSync('/usr/bin/pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
        expect(text).toContain(course.code);
        expect(text).toContain('四川省');
      }
      await screenshot(page, SUITE, '08-county-transfer-out');
    });
  });
});
