import type { ApplicationKindView, ApplicationView } from '@kaowei/shared';
import { maskIdCardNo } from '@kaowei/shared';
import {
  applicationWorld,
  createDraft,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
  type Applicant,
} from '@kaowei/server/test/support/applications';
import { freshIdCardNo } from '@kaowei/server/test/support/fixtures';
import { makePng } from '@kaowei/server/test/support/images';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
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
  async function openApplication(page: Page, username: string, name: string, state?: string) {
    await signIn(page, username);
    await page.getByRole('link', { name: '业务审核' }).click();
    await page.getByRole('heading', { name: '业务审核' }).waitFor();
    if (state) await page.getByRole('tab', { name: new RegExp(state) }).click();
    const row = page.getByRole('table', { name: '申请列表' }).locator('tbody tr', { hasText: name });
    await expectCount(row, 1);
    await row.click();
    const detail = page.getByLabel('申请详情');
    await detail.getByRole('heading', { name: `${name} · 信息变更` }).waitFor();
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
});
