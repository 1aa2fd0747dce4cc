import { insertCatalog, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, signIn } from './support/adminBrowser';
import { launchChromium, phoneContext, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';
import { readyCandidate, signInH5, type ReadyCandidate } from './support/h5Candidate';
import { openMiniPage, seeText } from './support/miniprogram';

const SUITE = 'miniprogram-announcements';
const inBrowser = browserSessions(SUITE);
const TITLE = `考点调整通知${Date.now() % 100_000}`;
const BODY = '因场地维修，本县区考点调整如下。\n\n请考生按新考点参加考试。';

/**
 * Issue #17: a county office publishes an announcement for its county in the admin; a candidate of that county
 * finds it in the mini-program's 通知公告 (list and detail), a candidate of another county does not.
 */
describe('通知公告 from the admin to the mini-program (H5)', () => {
  let server: TestServer;
  let browser: Browser;
  let own: ReadyCandidate;
  let other: ReadyCandidate;
  let countyOffice: { username: string };
  let hereCountyName: string;
  const phones: BrowserContext[] = [];

  async function phoneOf(candidate: ReadyCandidate): Promise<Page> {
    const context = await phoneContext(browser, server.baseUrl);
    phones.push(context);
    await signInH5(context, candidate);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  beforeAll(async () => {
    ensureBuilt('admin');
    await ensureBuilt('h5Simulator');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    const here = await insertCatalog(server.db, { capacity: 1 });
    const there = await insertCatalog(server.db, { capacity: 1 });
    countyOffice = await insertOfficial(server.db, 'county', { countyId: here.countyId });
    hereCountyName = (await server.db.models.County.findByPk(here.countyId, { rejectOnEmpty: true })).name;
    own = await readyCandidate(server);
    other = await readyCandidate(server);
    await server.db.models.Candidate.update({ countyId: here.countyId }, { where: { id: own.candidateId } });
    await server.db.models.Candidate.update({ countyId: there.countyId }, { where: { id: other.candidateId } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of phones) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('publishes for one county in the admin; that county’s candidate reads it, another county’s does not', async () => {
    await inBrowser(browser, server.baseUrl, 'publish', async (page) => {
      await signIn(page, countyOffice.username);
      await page.getByRole('link', { name: '通知公告', exact: true }).click();
      await page.getByRole('heading', { name: '通知公告', exact: true }).waitFor();
      const form = page.getByRole('form', { name: '发布' });
      await form.locator('input[name=title]').fill(TITLE);
      await form.locator('textarea[name=body]').fill(BODY);
      await form.getByRole('button', { name: '发布' }).click();
      await page.getByText(`已发布：${TITLE}`).waitFor();
      const row = page.getByRole('table', { name: '通知公告列表' }).locator('tr', { hasText: TITLE });
      await expect.poll(() => row.innerText()).toContain('已发布');
      await screenshot(page, SUITE, '01-admin-published');
    });
    const stored = await server.db.sequelize.query<{ id: number }>('SELECT id FROM announcements WHERE title = ?', {
      replacements: [TITLE],
      type: 'SELECT' as never,
    });
    const id = Number(stored[0]!.id);

    // The county's candidate: from 我的 → 通知公告, the announcement on top, marked 本县区; its detail.
    const mine = await phoneOf(own);
    await openMiniPage(mine, 'mine');
    await mine.locator('#mine-announcements').click();
    const item = mine.locator(`#announcement-${id}`);
    await expect.poll(() => item.textContent()).toContain(TITLE);
    expect(await item.textContent()).toContain('本县区');
    await screenshot(mine, SUITE, '02-candidate-list');
    await item.click();
    const detail = mine.locator('#announcement-detail').filter({ visible: true });
    await expect.poll(() => detail.textContent()).toContain('请考生按新考点参加考试。');
    expect(await detail.textContent()).toContain(TITLE);
    await screenshot(mine, SUITE, '03-candidate-detail');

    // Another county's candidate: not in the list, and the detail is 不存在.
    const theirs = await phoneOf(other);
    await openMiniPage(theirs, 'announcements');
    await theirs.locator('.announcements-page').filter({ visible: true }).waitFor();
    await expect
      .poll(async () => (await theirs.locator('.announcements-page').filter({ visible: true }).textContent()) ?? '')
      .not.toContain('加载中');
    expect(await theirs.locator(`#announcement-${id}`).count()).toBe(0);
    expect(await theirs.locator('.announcements-page').filter({ visible: true }).textContent()).not.toContain(TITLE);
    await openMiniPage(theirs, 'announcement', `id=${id}`);
    await seeText(theirs, '通知公告不存在');
    await screenshot(theirs, SUITE, '04-other-county');
  });

  it('keeps the county office’s contacts in the admin; its candidate sees them first under 联系我们', async () => {
    await inBrowser(browser, server.baseUrl, 'contacts', async (page) => {
      await signIn(page, countyOffice.username);
      await page.getByRole('link', { name: '联系方式', exact: true }).click();
      const card = page.getByRole('region', { name: `${hereCountyName}联系方式` });
      await card.locator('input[name=address]').fill('城关镇人民路8号');
      await card.locator('input[name=hotline]').fill('0816-2345678');
      await card.locator('input[name=hours]').fill('工作日 9:00—17:00');
      await card.getByRole('button', { name: '保存' }).click();
      await page.getByText(/已保存.*的联系方式/).waitFor();
      await screenshot(page, SUITE, '05-admin-contacts');
    });
    const mine = await phoneOf(own);
    await openMiniPage(mine, 'mine');
    await mine.locator('#mine-contacts').click();
    const first = mine.locator('.contacts-page').filter({ visible: true }).locator('.card').first();
    await expect.poll(() => first.textContent()).toContain('0816-2345678');
    expect(await first.textContent()).toContain('本县区');
    await screenshot(mine, SUITE, '06-candidate-contacts');
  });

  it('shows 常见问题 from seed 002 without logging in', async () => {
    const context = await phoneContext(browser, server.baseUrl);
    phones.push(context);
    const visitor = await context.newPage();
    await openMiniPage(visitor, 'mine');
    await visitor.locator('#mine-faq').click();
    await seeText(visitor, '自考准考证号忘了怎么办？');
    await visitor.locator('#faq-forgot-ticket-no').click();
    await seeText(visitor, '持注册自考时所用有效身份证件到市自考办或区县自考办查询');
    await screenshot(visitor, SUITE, '07-faq');
  });
});
