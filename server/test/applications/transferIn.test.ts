import type { MyPassedCoursesView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationWorld,
  createDraft,
  decide,
  openWindows,
  pdfBytes,
  refusedOutsideWindow,
  signedInCandidate,
  submit,
  uploadProof,
  type Applicant,
} from '../support/applications';
import { insertPassed } from '../support/records';
import { startTestServer, type TestServer } from '../support/testApp';

describe('转入 (transfer in): courses passed in another province, decided by the province', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;
  let codes: string[];

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
    await openWindows(server, ['transfer_in']);
    codes = await Promise.all(
      world.own.courseIds.map(async (id) => (await server.db.models.Course.findByPk(id))!.code),
    );
  });
  afterAll(() => server.close());

  const formOf = (courses: Array<{ courseCode: string; periodCode?: string; score?: number | null }>, extra = {}) => ({
    fromProvince: '四川省',
    fromTicketNo: '510119001234',
    courses: courses.map((c) => ({ periodCode: '202204', score: 70, ...c })),
    ...extra,
  });

  async function draftWithTranscript(applicant: Applicant) {
    const draft = await createDraft(applicant.api, 'transfer_in', {});
    expect(draft.status, draft.text).toBe(200);
    const uploaded = await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'transcript' });
    expect(uploaded.status, uploaded.text).toBe(200);
    return draft.body.id;
  }

  it('is refused outside its window', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    expect(await refusedOutsideWindow(server, applicant, 'transfer_in')).toMatchObject({
      code: 'APPLICATION_WINDOW_CLOSED',
    });
  });

  it('goes from the county up to the province, whose approval records the courses as passed by 转入', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const id = await draftWithTranscript(applicant);
    const form = formOf([{ courseCode: codes[0]! }, { courseCode: codes[1]!, periodCode: '202210', score: null }]);
    const sent = await submit(applicant.api, id, form);
    expect(sent.body).toMatchObject({ state: 'submitted' });

    const forwarded = await decide(world.ownCounty, id, { outcome: 'approve' });
    expect(forwarded.body).toMatchObject({ state: 'in_review', reviewLevel: 'province' });
    expect((await applicant.api.get<MyPassedCoursesView>('/api/records/passed')).body.courses).toEqual([]);
    expect((await decide(world.ownCounty, id, { outcome: 'approve' })).status).toBe(403);

    const approved = await decide(world.province, id, { outcome: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      after: { ticketNo: applicant.ticketNo, newTicket: false, fromProvince: '四川省' },
    });
    const passed = await applicant.api.get<MyPassedCoursesView>('/api/records/passed');
    expect(passed.body.courses).toEqual([
      expect.objectContaining({ courseCode: codes[0], passedBy: 'transfer', passedByLabel: '转入', score: 70 }),
      expect.objectContaining({ courseCode: codes[1], passedBy: 'transfer', periodCode: '202210', score: null }),
    ]);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'application.approved', entityId: String(id) },
    });
    expect(audit).toMatchObject({ actorId: world.province.id });
  });

  it('opens a ticket of the major named when the candidate holds none', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const major = await server.db.models.Major.create({
      code: `T${applicant.ticketId}`,
      name: '会计学',
      level: '本科',
    });
    const id = await draftWithTranscript(applicant);
    const unknownMajor = await submit(applicant.api, id, formOf([{ courseCode: codes[0]! }], { majorCode: 'X0000' }));
    expect(unknownMajor.body).toMatchObject({ code: 'MAJOR_NOT_FOUND', message: '专业代码“X0000”不存在' });
    await submit(applicant.api, id, formOf([{ courseCode: codes[0]! }], { majorCode: major.code }));
    await decide(world.ownCounty, id, { outcome: 'approve' });
    const approved = await decide(world.province, id, { outcome: 'approve' });
    expect(approved.body.after).toMatchObject({ newTicket: true, majorName: '会计学' });
    const ticket = await server.db.models.Ticket.findOne({
      where: { candidateId: applicant.candidateId, majorId: major.id },
    });
    expect(ticket).toMatchObject({ status: 'active', ticketNo: approved.body.after!.ticketNo });
    expect(ticket!.ticketNo).toMatch(/^\d{12}$/);
    const passed = await server.db.models.PassedCourse.findAll({ where: { ticketId: ticket!.id } });
    expect(passed.map((p) => p.passedBy)).toEqual(['transfer']);
    // The signed-in ticket is left as it was.
    expect(await server.db.models.PassedCourse.count({ where: { ticketId: applicant.ticketId } })).toBe(0);
  });

  it('refuses unknown courses, courses listed twice and courses passed already', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    await insertPassed(
      server.db,
      { ticketId: applicant.ticketId, courseId: world.own.courseIds[0]!, periodCode: '202304' },
      'exam',
    );
    const id = await draftWithTranscript(applicant);
    const unknown = await submit(applicant.api, id, formOf([{ courseCode: '00000' }]));
    expect(unknown.body).toMatchObject({ code: 'COURSE_NOT_FOUND', message: '课程代码“00000”不存在' });
    const twice = await submit(applicant.api, id, formOf([{ courseCode: codes[1]! }, { courseCode: codes[1]! }]));
    expect(twice.body).toMatchObject({ code: 'TRANSFER_COURSE_REPEATED' });
    const passed = await submit(applicant.api, id, formOf([{ courseCode: codes[0]! }]));
    expect(passed.body).toMatchObject({
      code: 'TRANSFER_COURSE_ALREADY_PASSED',
      message: `课程“${codes[0]}”已合格，无需转入`,
    });
    const other = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const noProof = await createDraft(other.api, 'transfer_in', {});
    const unproven = await submit(other.api, noProof.body.id, formOf([{ courseCode: codes[1]! }]));
    expect(unproven.body).toMatchObject({ code: 'APPLICATION_PROOF_REQUIRED', message: '请上传成绩证明' });
  });

  it('is rejected by the province with a reason, recording nothing', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const id = await draftWithTranscript(applicant);
    await submit(applicant.api, id, formOf([{ courseCode: codes[0]! }]));
    await decide(world.ownCounty, id, { outcome: 'approve' });
    const rejected = await decide(world.province, id, { outcome: 'reject', reason: '成绩证明未盖章' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '成绩证明未盖章' });
    expect(await server.db.models.PassedCourse.count({ where: { ticketId: applicant.ticketId } })).toBe(0);
  });
});
