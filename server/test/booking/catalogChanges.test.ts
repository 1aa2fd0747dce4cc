import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import type { ApiClient } from '../support/apiClient';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { readyCandidate } from '../support/bookingFlows';
import { insertCourses } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

type Placements = { placements: Array<{ code: string; status: string; error?: { code: string } }> };

/** A candidate who has read the notice, and what /api/booking/check says of some codes (status or refusal). */
async function checkingCandidate(server: TestServer, catalog: BookingCatalog) {
  const { api } = await readyCandidate(server);
  await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
  return async (codes: string[]) => {
    const body = { periodId: catalog.periodId, countyId: catalog.counties[0]!.countyId, courseCodes: codes };
    const answer = await api.post<Placements>('/api/booking/check', body);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.placements.map((p) => p.error?.code ?? p.status);
  };
}

/** The period's settings as the admin screen loads them, changed and saved back. */
async function editPeriod(api: ApiClient, periodId: number, change: Record<string, unknown>) {
  const { id: _id, ...settings } = (await api.get<Record<string, unknown>>(`/api/admin/periods/${periodId}`)).body;
  const saved = await api.put(`/api/admin/periods/${periodId}`, { ...settings, ...change });
  expect(saved.status, saved.text).toBe(200);
}

describe('the catalog cache, as candidates see officials’ changes', () => {
  let server: TestServer;
  let province: OfficialClient;
  beforeAll(async () => {
    // A long TTL: whatever a candidate sees change here, an invalidation made it so, not the clock.
    server = await startTestServer({ TRUST_PROXY: 'true', CATALOG_CACHE_SECONDS: '300' });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  const newCatalog = () =>
    insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 1, maxCourses: 1 });

  it('serves the period from the cache: a change written behind the officials’ API waits for an invalidation', async () => {
    const catalog = await newCatalog();
    const codes = catalog.units.map((u) => u.codes[0]!);
    const check = await checkingCandidate(server, catalog);
    expect(await check(codes)).toEqual(['ok', 'COURSE_LIMIT_EXCEEDED']);

    await server.db.models.ExamPeriod.update({ maxCourses: 2 }, { where: { id: catalog.periodId } });
    expect(await check(codes)).toEqual(['ok', 'COURSE_LIMIT_EXCEEDED']);
    server.db.catalog.invalidate();
    expect(await check(codes)).toEqual(['ok', 'ok']);
  });

  it('shows a new course limit and a newly imported offering on the candidate’s next request', async () => {
    const catalog = await newCatalog();
    const [inU1, inU2] = catalog.units.map((u) => u.codes[0]!);
    const [extra] = await insertCourses(server.db, 1);
    const check = await checkingCandidate(server, catalog);
    expect(await check([inU1!, inU2!])).toEqual(['ok', 'COURSE_LIMIT_EXCEEDED']);
    expect(await check([extra!.code])).toEqual(['COURSE_NOT_OFFERED']);

    await editPeriod(province.api, catalog.periodId, { maxCourses: 2 });
    expect(await check([inU1!, inU2!])).toEqual(['ok', 'ok']);

    const csv = `课程代码,课程名称,考试单元\n${extra!.code},${extra!.name},U2\n`;
    const file = new FormData();
    file.append('file', new Blob([csv]), 'offerings.csv');
    const imported = await province.api.post(`/api/admin/periods/${catalog.periodId}/offerings/import?dryRun=0`, file);
    expect(imported.body).toMatchObject({ imported: 1, errors: [] });
    expect(await check([inU1!, extra!.code])).toEqual(['ok', 'ok']);
  });

  it('shows a renamed county and a moved unit in the catalog at once', async () => {
    const catalog = await newCatalog();
    const { api } = await readyCandidate(server);
    type Cities = { cities: Array<{ cityId: number; counties: Array<{ countyId: number; name: string }> }> };
    const countyName = async () =>
      (await api.get<Cities>('/api/catalog/cities')).body.cities
        .find((c) => c.cityId === catalog.cityId)!
        .counties.find((c) => c.countyId === catalog.counties[0]!.countyId)!.name;
    const firstUnitLabel = async () =>
      (await api.get<{ units: Array<{ label: string }> }>(`/api/catalog/periods/${catalog.periodId}/courses`)).body
        .units[0]!.label;
    expect(await countyName()).toBe(catalog.counties[0]!.name);
    expect(await firstUnitLabel()).toBe('4月10日（周六）上午 9:00–11:30');

    const renamed = await province.api.put(`/api/admin/counties/${catalog.counties[0]!.countyId}`, { name: '新名县' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(await countyName()).toBe('新名县');

    const unit = { code: 'U1', examDate: '2027-04-10', halfDay: 'am', startTime: '08:30', endTime: '11:00' };
    const moved = await province.api.put(`/api/admin/units/${catalog.units[0]!.unitId}`, unit);
    expect(moved.status, moved.text).toBe(200);
    expect(await firstUnitLabel()).toBe('4月10日（周六）上午 8:30–11:00');
  });
});
