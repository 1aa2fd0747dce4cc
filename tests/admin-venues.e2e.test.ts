import { insertCatalog, insertOfficial } from '@kaowei/server/test/support/fixtures';
import { startTestServer, type TestServer } from '@kaowei/server/test/support/testApp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, expectText, signIn } from './support/adminBrowser';
import { launchChromium, screenshot } from './support/browser';
import { ensureBuilt } from './support/builtApps';

const SUITE = 'admin-venues';
const inBrowser = browserSessions(SUITE);

describe('考点考场 in the browser: a county office creates a venue with a room and closes it for a unit', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt('admin');
    server = await startTestServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a venue, adds a room, sees its seats against the quota, and closes it for the unit', async () => {
    const catalog = await insertCatalog(server.db, { capacity: 40 });
    const county = await insertOfficial(server.db, 'county', { countyId: catalog.countyId });
    await inBrowser(browser, server.baseUrl, 'county', async (page) => {
      await signIn(page, county.username);
      await page.getByRole('link', { name: '考点考场' }).click();
      await page.getByRole('heading', { name: '考点考场', exact: true }).waitFor();
      await page.getByLabel('考次').selectOption(String(catalog.periodId));

      const form = page.getByRole('form', { name: '新增考点' });
      await form.locator('input[name=venueName]').fill('城关中学考点');
      await form.locator('input[name=venueAddress]').fill('城关镇学府路3号');
      await form.locator('input[name=venueContact]').fill('刘老师 0816-1234567');
      await form.getByRole('button', { name: '新增考点' }).click();
      await page.getByText('已新增考点：城关中学考点').waitFor();

      const card = page.getByRole('region', { name: '考点 城关中学考点' });
      const rooms = card.getByRole('table', { name: '城关中学考点考场' });
      const newRoom = rooms.locator('tbody tr').last();
      await newRoom.getByLabel('座位数').fill('30');
      await newRoom.getByLabel('备注').fill('1楼');
      await newRoom.getByRole('button', { name: '添加考场' }).click();
      await expectText(card, '1 个考场，30 个座位');
      const seats = page.getByRole('table', { name: '座位数与考位数' });
      await expectText(seats, '缺 10');

      // Checked once the server has recorded the closure (the box shows the venue as the server answers it).
      await card.getByRole('checkbox', { name: /U1/ }).click();
      await card.locator('input[type=checkbox]:checked').waitFor();
      await screenshot(page, SUITE, '01-venue-with-room');
    });
    const venue = await server.db.models.ExamVenue.findOne({ where: { countyId: catalog.countyId } });
    expect(venue).toMatchObject({ name: '城关中学考点', contact: '刘老师 0816-1234567' });
    expect(await server.db.models.ExamRoom.findAll({ where: { venueId: venue!.id }, raw: true })).toEqual([
      expect.objectContaining({ roomNo: 1, seats: 30, note: '1楼' }),
    ]);
    await expect.poll(() => server.db.models.VenueClosure.count({ where: { venueId: venue!.id } })).toBe(1);
  });
});
