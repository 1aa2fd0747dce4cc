import type { CatalogCourse, CatalogTicketMajor, HoldResult, PlacementView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageSmsCodes } from '../support/accountFlows';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { readyCandidate } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

type CourseList = { major: CatalogTicketMajor | null; units: Array<{ courses: CatalogCourse[] }> };

describe("a closed major's plan courses, and passed courses on the course list", () => {
  let server: TestServer;
  let province: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  /** A ready candidate whose ticket is of the catalogue's major; that major's plan lacks `outside`. */
  async function setUp() {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 2, counties: 1 });
    const [plan, outside] = [catalog.units[0]!.codes[0]!, catalog.units[1]!.codes[0]!];
    const outsideCourse = await server.db.models.Course.findOne({ where: { code: outside } });
    await server.db.models.MajorCourse.destroy({ where: { majorId: catalog.majorId, courseId: outsideCourse!.id } });
    const ready = await readyCandidate(server);
    await server.db.models.Ticket.update({ majorId: catalog.majorId }, { where: { id: ready.candidate.ticketId } });
    await ready.api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    return { catalog, ready, plan, outside };
  }

  const setStatus = async (catalog: BookingCatalog, status: string, transitionEndsOn: string | null = null) => {
    const major = await server.db.models.Major.findByPk(catalog.majorId);
    const answer = await province.api.put(`/api/admin/majors/${catalog.majorId}`, {
      name: major!.name,
      level: major!.level,
      status,
      transitionEndsOn,
    });
    expect(answer.status, answer.text).toBe(200);
  };

  it('books plan courses through 停考过渡期, and refuses them once the major is closed', async () => {
    const { catalog, ready, plan, outside } = await setUp();
    const body = { periodId: catalog.periodId, countyId: catalog.counties[0]!.countyId, courseCodes: [plan, outside] };
    const check = async () =>
      (await ready.api.post<{ placements: PlacementView[] }>('/api/booking/check', body)).body.placements;

    await setStatus(catalog, 'transition', '2099-12-31');
    expect((await check()).map((p) => p.status)).toEqual(['ok', 'ok']);

    // A transition whose last day has passed counts as closed without anyone changing it.
    await setStatus(catalog, 'transition', '2020-06-30');
    const refused = await check();
    expect(refused[0]).toMatchObject({
      code: plan,
      status: 'refused',
      error: {
        code: 'MAJOR_CLOSED_COURSE',
        message: expect.stringContaining(`专业已停考，过渡期已结束，本专业课程“${plan}”不再接受该准考证报考`),
      },
    });
    expect(refused[1]).toMatchObject({ code: outside, status: 'ok' });

    // 保存考位 applies the same rule, whatever the client checked before.
    await setStatus(catalog, 'closed');
    await ageSmsCodes(server.db, ready.phone, 61);
    const code = await ready.api.post('/api/booking/hold-code', { ...body, courseCodes: [outside] });
    expect(code.status, code.text).toBe(200);
    const held = await ready.api.post<{ items: HoldResult[] }>('/api/booking/holds', {
      ...body,
      smsCode: await server.simulator.latestSmsCode(ready.phone),
    });
    expect(held.status, held.text).toBe(200);
    expect(held.body.items.map((i) => [i.code, i.result, i.error?.code])).toEqual([
      [plan, 'refused', 'MAJOR_CLOSED_COURSE'],
      [outside, 'held', undefined],
    ]);

    const list = await ready.api.get<CourseList>(`/api/catalog/periods/${catalog.periodId}/courses`);
    expect(list.body.major).toMatchObject({ status: 'closed', statusText: '已停考' });
    expect(list.body.units[0]!.courses.find((c) => c.code === plan)).toMatchObject({
      ownMajor: true,
      closedMajor: true,
    });
    expect(list.body.units[1]!.courses.find((c) => c.code === outside)).toMatchObject({ closedMajor: false });
  });

  it("marks the ticket's passed courses 已合格 on the course list, and still books them", async () => {
    const { catalog, ready, plan } = await setUp();
    const course = await server.db.models.Course.findOne({ where: { code: plan } });
    await server.db.models.PassedCourse.create({
      ticketId: ready.candidate.ticketId,
      courseId: course!.id,
      periodCode: '202304',
      score: 72,
      passedBy: 'exam',
    });
    const list = await ready.api.get<CourseList>(`/api/catalog/periods/${catalog.periodId}/courses`);
    expect(list.body.major).toMatchObject({ status: 'open', statusText: '正常开考' });
    const courses = list.body.units.flatMap((u) => u.courses);
    expect(courses.find((c) => c.code === plan)).toMatchObject({ ownMajor: true, passed: true, closedMajor: false });
    expect(courses.filter((c) => c.passed)).toHaveLength(1);
    // Seed 002: every course may be booked again; a passed one is marked, not refused.
    const check = await ready.api.post<{ placements: PlacementView[] }>('/api/booking/check', {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [plan],
    });
    expect(check.body.placements[0]).toMatchObject({ code: plan, status: 'ok' });
  });
});
