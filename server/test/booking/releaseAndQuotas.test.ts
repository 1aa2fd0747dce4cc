import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDateString, beijingInstant } from '../../src/lib/beijingTime';
import { runDueReleases } from '../../src/modules/booking/releaseScheduler';
import { ApiClient } from '../support/apiClient';
import { insertBookingCatalog, takenOf } from '../support/bookingCatalog';
import { holdCrowd } from '../support/crowd';
import { insertOfficial, OFFICIAL_PASSWORD } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('end-of-day release and quota changes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  async function catalogWithHolds(holders: number) {
    const catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 1, counties: 2, coursesPerUnit: 1 });
    await holdCrowd(server.db, catalog, holders, (i) => i % 2);
    return catalog;
  }

  it('runs once a day at the configured time, and only once', async () => {
    const catalog = await catalogWithHolds(4);
    const today = beijingDateString(new Date());
    await server.db.models.ExamPeriod.update({ dailyReleaseTime: '23:30' }, { where: { id: catalog.periodId } });
    const due = beijingInstant(today, '23:30');
    await server.db.sequelize.query('UPDATE booking_items SET held_at = ? WHERE period_id = ?', {
      replacements: [new Date(due.getTime() - 3600_000), catalog.periodId],
    });
    const run = (at: Date) =>
      runDueReleases(server.db, server.services.logger, { now: at, periodId: catalog.periodId });

    expect(await run(new Date(due.getTime() - 60_000))).toBe(0);
    expect(await takenOf(server.db, catalog.periodId, catalog.counties[0]!.countyId, catalog.units[0]!.unitId)).toBe(2);
    expect(await run(new Date(due.getTime() + 60_000))).toBe(4);
    expect(await takenOf(server.db, catalog.periodId, catalog.counties[0]!.countyId, catalog.units[0]!.unitId)).toBe(0);
    // Later checks the same day (every instance checks every minute) find the run finished.
    expect(await run(new Date(due.getTime() + 120_000))).toBe(0);
    const log = await server.db.models.AuditLog.findOne({
      where: { action: 'booking.release', entityId: String(catalog.periodId) },
    });
    expect(log!.after).toMatchObject({ released: 4 });
    expect(log!.actorType).toBe('system');
  });

  it('lets an official release by hand, within their districts, after a preview', async () => {
    const catalog = await catalogWithHolds(6);
    const [mine, theirs] = catalog.counties;
    const official = await insertOfficial(server.db, 'county', { countyId: mine!.countyId });
    const api = new ApiClient(server.baseUrl);
    api.token = (
      await api.post<{ accessToken: string }>('/api/admin/login', {
        username: official.username,
        password: OFFICIAL_PASSWORD,
      })
    ).body.accessToken;
    const preview = await api.get(`/api/admin/periods/${catalog.periodId}/release-preview`);
    expect(preview.body).toEqual({
      periodId: catalog.periodId,
      items: [{ countyId: mine!.countyId, unitId: catalog.units[0]!.unitId, items: 3 }],
    });
    expect((await api.post(`/api/admin/periods/${catalog.periodId}/release`)).body).toEqual({
      released: 3,
      paidMeanwhile: 0,
    });
    expect(await takenOf(server.db, catalog.periodId, mine!.countyId, catalog.units[0]!.unitId)).toBe(0);
    expect(await takenOf(server.db, catalog.periodId, theirs!.countyId, catalog.units[0]!.unitId)).toBe(3);
  });

  it('refuses a capacity below the seats taken, and records the change it allows', async () => {
    const catalog = await catalogWithHolds(6);
    const county = catalog.counties[0]!;
    const quotaId = await catalog.quotaId(county.countyId, catalog.units[0]!.unitId);
    const official = await insertOfficial(server.db, 'city', { cityId: catalog.cityId });
    const outsider = await insertOfficial(server.db, 'county', { countyId: catalog.counties[1]!.countyId });
    const api = new ApiClient(server.baseUrl);
    const signIn = async (username: string) =>
      (await api.post<{ accessToken: string }>('/api/admin/login', { username, password: OFFICIAL_PASSWORD })).body
        .accessToken;
    const token = await signIn(official.username);

    const refused = await api.put(`/api/admin/quotas/${quotaId}`, { capacity: 2 }, token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CAPACITY_BELOW_TAKEN', message: '考位数不能小于已占用的考位数（3）' });
    expect(
      (await api.put(`/api/admin/quotas/${quotaId}`, { capacity: 4 }, await signIn(outsider.username))).status,
    ).toBe(403);
    const allowed = await api.put(`/api/admin/quotas/${quotaId}`, { capacity: 3 }, token);
    expect(allowed.body).toEqual({ quotaId, capacity: 3, taken: 3, left: 0 });
    const log = await server.db.models.AuditLog.findOne({
      where: { entityType: 'seat_quota', entityId: String(quotaId) },
    });
    expect(log).toMatchObject({ before: { capacity: 10 }, after: { capacity: 3 } });
  });
});
