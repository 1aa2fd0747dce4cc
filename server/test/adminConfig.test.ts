import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodInput, signedInOfficial, type OfficialClient } from './support/adminSession';
import type { ApiClient } from './support/apiClient';
import { insertBookingCatalog, takenOf } from './support/bookingCatalog';
import { holdCrowd } from './support/crowd';
import { insertCatalog } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

const tag = () => randomBytes(3).toString('hex');

/** Creates through the API with a random 6-digit code, drawing again if it is taken. */
async function createRegion(api: ApiClient, path: string, body: Record<string, unknown>) {
  for (;;) {
    const response = await api.post<{ id: number; code: string }>(path, {
      ...body,
      code: `4${randomInt(10_000, 99_999)}`,
    });
    if (response.status !== 409) return response;
  }
}

describe('admin configuration: regions, periods, units and quotas', () => {
  let server: TestServer;
  let province: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  it('lets the provincial office add and rename cities and counties, and nobody else', async () => {
    const city = await createRegion(province.api, '/api/admin/cities', { name: `新市${tag()}` });
    expect(city.status, city.text).toBe(200);
    const county = await createRegion(province.api, '/api/admin/counties', { cityId: city.body.id, name: '新县' });
    expect(county.status, county.text).toBe(200);
    const again = await province.api.post('/api/admin/cities', { code: city.body.code, name: '重复' });
    expect(again.body).toMatchObject({ code: 'CODE_TAKEN', message: `市（州）代码“${city.body.code}”已存在` });
    expect((await province.api.put(`/api/admin/counties/${county.body.id}`, { name: '改名县' })).body).toMatchObject({
      name: '改名县',
    });

    const cityOfficial = await signedInOfficial(server, 'city', { cityId: city.body.id });
    const countyOfficial = await signedInOfficial(server, 'county', { countyId: county.body.id });
    for (const { api } of [cityOfficial, countyOfficial]) {
      expect((await api.post('/api/admin/cities', { code: '412345', name: '越权市' })).status).toBe(403);
      expect((await api.put(`/api/admin/cities/${city.body.id}`, { name: '越权' })).status).toBe(403);
      expect(
        (await api.post('/api/admin/counties', { cityId: city.body.id, code: '412345', name: '越权县' })).body,
      ).toMatchObject({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
      expect((await api.put(`/api/admin/counties/${county.body.id}`, { name: '越权' })).status).toBe(403);
    }
    // Each sees their own district only.
    const seen = await countyOfficial.api.get<{ cities: Array<{ id: number; counties: Array<{ name: string }> }> }>(
      '/api/admin/regions',
    );
    expect(seen.body.cities).toEqual([
      expect.objectContaining({ id: city.body.id, counties: [expect.objectContaining({ name: '改名县' })] }),
    ]);
    const other = await createRegion(province.api, '/api/admin/cities', { name: `别市${tag()}` });
    const all = await province.api.get<{ cities: Array<{ id: number }> }>('/api/admin/regions');
    expect(all.body.cities.map((c) => c.id)).toEqual(expect.arrayContaining([city.body.id, other.body.id]));
    const cities = await cityOfficial.api.get<{ cities: Array<{ id: number }> }>('/api/admin/regions');
    expect(cities.body.cities.map((c) => c.id)).toEqual([city.body.id]);
  });

  it('saves a period with its windows in order, and refuses windows out of order', async () => {
    const input = periodInput(`T${tag()}`);
    const created = await province.api.post<{ id: number; feePerCourseFen: number }>('/api/admin/periods', input);
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({ ...input, id: expect.any(Number) });

    const updated = await province.api.put(`/api/admin/periods/${created.body.id}`, {
      ...input,
      feePerCourseFen: 4000,
      examRules: '  考生须提前30分钟到达考点。 ',
    });
    expect(updated.body).toMatchObject({ feePerCourseFen: 4000 });
    expect((await province.api.get(`/api/admin/periods/${created.body.id}`)).body).toMatchObject({
      feePerCourseFen: 4000,
      payDailyStart: '09:00',
      examRules: '考生须提前30分钟到达考点。',
    });
    const list = await province.api.get<{ items: Array<{ id: number }> }>('/api/admin/periods');
    expect(list.body.items.map((p) => p.id)).toContain(created.body.id);

    const malformed = await province.api.post('/api/admin/periods', {
      ...input,
      code: `T${tag()}`,
      payDailyStart: '9:00',
      maxCourses: 5,
      feePerCourseFen: 35.5,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误：每日缴费开始时间格式须为HH:MM；报考费须为整数（分）；最多报考科数为1至4',
    });
    const backwards = await province.api.post('/api/admin/periods', {
      ...input,
      code: `T${tag()}`,
      bookingClosesAt: input.bookingOpensAt,
      paymentClosesAt: input.paymentOpensAt,
      printOpensAt: new Date(Date.parse(input.bookingOpensAt) - 86_400_000).toISOString(),
      payDailyEnd: '08:00',
    });
    expect(backwards.status).toBe(400);
    for (const problem of [
      '报考截止时间须晚于报考开始时间',
      '缴费截止时间须晚于缴费开始时间',
      '每日缴费结束时间须晚于开始时间',
      '准考证打印须在缴费截止之后开始',
    ]) {
      expect(backwards.body.message).toContain(problem);
    }
    const periods = await server.db.models.ExamPeriod.count({ where: { id: created.body.id } });
    expect(periods).toBe(1);
    const duplicate = await province.api.post('/api/admin/periods', input);
    expect(duplicate.body).toMatchObject({ code: 'CODE_TAKEN' });

    const city = await signedInOfficial(server, 'city', {
      cityId: (await insertCatalog(server.db, { capacity: 1 })).cityId,
    });
    expect((await city.api.post('/api/admin/periods', { ...input, code: `T${tag()}` })).status).toBe(403);
    expect((await city.api.put(`/api/admin/periods/${created.body.id}`, input)).status).toBe(403);
    expect((await city.api.get(`/api/admin/periods/${created.body.id}`)).status).toBe(200);
  });

  it('manages exam units: one per half day, and none deleted while courses or seats use it', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, counties: 1 });
    const path = `/api/admin/periods/${catalog.periodId}/units`;
    const unit = { code: 'U9', examDate: '2027-04-17', halfDay: 'am', startTime: '09:00', endTime: '11:30' };
    const created = await province.api.post<{ id: number }>(path, unit);
    expect(created.body).toMatchObject({ ...unit, id: expect.any(Number) });
    expect((await province.api.post(path, { ...unit, code: 'U8' })).body).toMatchObject({
      code: 'UNIT_SLOT_TAKEN',
      message: '2027-04-17上午已有考试单元U9',
    });
    expect((await province.api.post(path, { ...unit, halfDay: 'pm' })).body).toMatchObject({ code: 'CODE_TAKEN' });
    expect(
      (await province.api.put(`/api/admin/units/${created.body.id}`, { ...unit, endTime: '08:00' })).body.message,
    ).toContain('结束时间须晚于开始时间');
    const moved = await province.api.put(`/api/admin/units/${created.body.id}`, {
      ...unit,
      halfDay: 'pm',
      startTime: '14:30',
      endTime: '17:00',
    });
    expect(moved.body).toMatchObject({ halfDay: 'pm', startTime: '14:30' });

    const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
    expect((await county.api.post(path, { ...unit, code: 'U7', examDate: '2027-04-18' })).status).toBe(403);
    expect((await county.api.request('DELETE', `/api/admin/units/${created.body.id}`)).status).toBe(403);
    expect((await county.api.get<{ items: unknown[] }>(path)).body.items).toHaveLength(3);

    const inUse = await province.api.request('DELETE', `/api/admin/units/${catalog.units[0]!.unitId}`);
    expect(inUse.body).toMatchObject({ code: 'UNIT_IN_USE' });
    expect((await province.api.request('DELETE', `/api/admin/units/${created.body.id}`)).status).toBe(200);
    expect((await province.api.get<{ items: unknown[] }>(path)).body.items).toHaveLength(2);
  });

  it('refuses impossible calendar dates in admin forms with a Chinese message, before any query', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, counties: 1 });
    const unit = { code: 'U6', halfDay: 'am', startTime: '09:00', endTime: '11:30' };
    for (const examDate of ['2027-13-45', '2027-02-29', '2027-04-31']) {
      const answer = await province.api.post(`/api/admin/periods/${catalog.periodId}/units`, { ...unit, examDate });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(answer.body.message).toContain('考试日期不正确');
    }
    const bill = await province.api.post('/api/admin/reconciliations', { billDate: '2027-13-45' });
    expect(bill.status, bill.text).toBe(400);
    expect(bill.body.message).toContain('对账日期不正确');
  });

  it('filters the audit log by what was typed, a % or _ included, never as a wildcard', async () => {
    const official = await signedInOfficial(server, 'province');
    const name = `o_%${tag()}`;
    await server.db.models.Official.update({ username: name }, { where: { id: official.id } });
    expect((await createRegion(official.api, '/api/admin/cities', { name: `审计市${tag()}` })).status).toBe(200);
    const audit = (query: string) => province.api.get<{ total: number }>(`/api/admin/audit?${query}`);

    expect((await audit(`actor=${encodeURIComponent(name)}`)).body.total).toBe(1);
    expect((await audit(`actor=${encodeURIComponent(name.replace('_', 'x'))}`)).body.total).toBe(0);
    expect((await audit(`actor=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await audit(`actor=${encodeURIComponent(name)}&action=_`)).body.total).toBe(0);
    expect((await audit(`actor=${encodeURIComponent(name)}&action=city.`)).body.total).toBe(1);
  });

  it('refuses to withdraw an offering somebody holds a seat for', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, counties: 1, coursesPerUnit: 2 });
    await holdCrowd(server.db, catalog, 1, () => 0);
    const offerings = await province.api.get<{ items: Array<{ id: number; courseCode: string }> }>(
      `/api/admin/periods/${catalog.periodId}/offerings`,
    );
    const [heldOne, freeOne] = catalog.units[0]!.codes.map((code) =>
      offerings.body.items.find((o) => o.courseCode === code)!,
    );
    expect((await province.api.request('DELETE', `/api/admin/offerings/${heldOne!.id}`)).body).toMatchObject({
      code: 'OFFERING_IN_USE',
    });
    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    expect((await city.api.request('DELETE', `/api/admin/offerings/${freeOne!.id}`)).status).toBe(403);
    expect((await province.api.request('DELETE', `/api/admin/offerings/${freeOne!.id}`)).status).toBe(200);
    const after = await province.api.get<{ items: unknown[] }>(`/api/admin/periods/${catalog.periodId}/offerings`);
    expect(after.body.items).toHaveLength(1);
  });

  it('shows and sets the quota grid per county, within scope and never below the seats taken', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2, coursesPerUnit: 1 });
    const [mine, theirs] = catalog.counties;
    const [unit1, unit2] = catalog.units;
    await holdCrowd(server.db, catalog, 3, () => 0);
    await server.db.models.SeatQuota.destroy({
      where: { periodId: catalog.periodId, countyId: mine!.countyId, unitId: unit2!.unitId },
    });
    const path = `/api/admin/periods/${catalog.periodId}/quotas`;
    const county = await signedInOfficial(server, 'county', { countyId: mine!.countyId });
    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });

    const grid = await county.api.get<{ counties: Array<{ id: number }>; cells: unknown[]; units: unknown[] }>(path);
    expect(grid.body.counties).toEqual([expect.objectContaining({ id: mine!.countyId, cityName: expect.any(String) })]);
    expect(grid.body.units).toHaveLength(2);
    expect(grid.body.cells).toEqual([
      { quotaId: expect.any(Number), countyId: mine!.countyId, unitId: unit1!.unitId, capacity: 10, taken: 3 },
      { quotaId: null, countyId: mine!.countyId, unitId: unit2!.unitId, capacity: 0, taken: 0 },
    ]);
    expect((await city.api.get<{ counties: unknown[] }>(path)).body.counties).toHaveLength(2);

    const below = await county.api.put(path, { countyId: mine!.countyId, unitId: unit1!.unitId, capacity: 2 });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ code: 'CAPACITY_BELOW_TAKEN', message: '考位数不能小于已占用的考位数（3）' });
    expect(
      (await county.api.put(path, { countyId: theirs!.countyId, unitId: unit1!.unitId, capacity: 50 })).status,
    ).toBe(403);
    const set = await county.api.put(path, { countyId: mine!.countyId, unitId: unit1!.unitId, capacity: 3 });
    expect(set.body).toMatchObject({ countyId: mine!.countyId, unitId: unit1!.unitId, capacity: 3, taken: 3 });
    const created = await city.api.put(path, { countyId: mine!.countyId, unitId: unit2!.unitId, capacity: 40 });
    expect(created.body).toEqual({
      quotaId: expect.any(Number),
      countyId: mine!.countyId,
      unitId: unit2!.unitId,
      capacity: 40,
      taken: 0,
    });
    expect(await takenOf(server.db, catalog.periodId, mine!.countyId, unit1!.unitId)).toBe(3);
    const outsider = await signedInOfficial(server, 'city', {
      cityId: (await insertCatalog(server.db, { capacity: 1 })).cityId,
    });
    expect(
      (await outsider.api.put(path, { countyId: mine!.countyId, unitId: unit1!.unitId, capacity: 9 })).status,
    ).toBe(403);
    const after = await county.api.get<{ cells: Array<{ capacity: number }> }>(path);
    expect(after.body.cells.map((c) => c.capacity)).toEqual([3, 40]);
  });
});
