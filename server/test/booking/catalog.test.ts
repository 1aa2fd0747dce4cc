import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { completeFirstLogin } from '../support/accountFlows';
import { insertBookingCatalog } from '../support/bookingCatalog';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('catalog reads for candidates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it("lists the offered courses by unit, the candidate's own major first", async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 3 });
    // The candidate's major covers only the last course of each unit.
    await server.db.models.MajorCourse.destroy({ where: { majorId: catalog.majorId } });
    const own = catalog.units.map((u) => u.codes[2]!);
    const owned = await server.db.models.Course.findAll({ where: { code: own } });
    await server.db.models.MajorCourse.bulkCreate(
      owned.map((c) => ({ majorId: catalog.majorId, courseId: c.id, required: true })),
    );
    const candidate = await insertCandidateWithTicket(server.db, 'catalog');
    await server.db.models.Ticket.update({ majorId: catalog.majorId }, { where: { id: candidate.ticketId } });
    const api = new ApiClient(server.baseUrl);
    const session = await completeFirstLogin(api, server.simulator, candidate);

    type Courses = { units: Array<{ label: string; courses: Array<{ code: string; ownMajor: boolean }> }> };
    const anonymous = await api.get<Courses>(`/api/catalog/periods/${catalog.periodId}/courses`);
    expect(anonymous.body.units.map((u) => u.courses.every((c) => !c.ownMajor))).toEqual([true, true]);
    const mine = await api.get<Courses>(`/api/catalog/periods/${catalog.periodId}/courses`, session.accessToken);
    expect(mine.body.units[0]!.label).toBe('4月10日（周六）上午 9:00–11:30');
    for (const [i, unit] of mine.body.units.entries()) {
      expect(unit.courses[0]).toEqual(expect.objectContaining({ code: own[i], ownMajor: true }));
      expect(unit.courses).toHaveLength(3);
    }
  });

  it('shows seats left per county and unit, approximate and cached for two seconds', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 7, units: 1, counties: 2 });
    const api = new ApiClient(server.baseUrl);
    const path = `/api/catalog/periods/${catalog.periodId}/seats?countyId=${catalog.counties[0]!.countyId}`;
    const first = await api.get<{ approximate: boolean; seats: Array<{ left: number; capacity: number }> }>(path);
    expect(first.body).toMatchObject({ approximate: true, seats: [{ capacity: 7, left: 7 }] });
    await server.db.models.SeatQuota.update({ taken: 3 }, { where: { periodId: catalog.periodId } });
    expect((await api.get<{ seats: Array<{ left: number }> }>(path)).body.seats[0]!.left).toBe(7);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await api.get<{ seats: Array<{ left: number }> }>(path)).body.seats[0]!.left).toBe(4);
  });

  it('lists cities with their counties, and the current period', async () => {
    const api = new ApiClient(server.baseUrl);
    const catalog = await insertBookingCatalog(server.db, { capacity: 1, units: 1, counties: 2 });
    const cities = await api.get<{ cities: Array<{ cityId: number; counties: unknown[] }> }>('/api/catalog/cities');
    expect(cities.body.cities.find((c) => c.cityId === catalog.cityId)!.counties).toHaveLength(2);
    const current = await api.get<{ bookingOpen: boolean; feePerCourseYuan: string }>('/api/catalog/current-period');
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ bookingOpen: true, feePerCourseYuan: '35.00' });
  });

  it('has nothing to confirm before anything is held', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 1, units: 1 });
    const api = new ApiClient(server.baseUrl);
    const session = await completeFirstLogin(
      api,
      server.simulator,
      await insertCandidateWithTicket(server.db, 'nothing'),
    );
    const answer = await api.post('/api/booking/confirm', { periodId: catalog.periodId }, session.accessToken);
    expect(answer.body).toMatchObject({ code: 'NOTHING_TO_CONFIRM', message: '没有待确认的考位，请先保存考位' });
  });
});
