import { CERTIFICATE_HEADERS } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsSettled } from '../../src/modules/records/enrolledImport/importWorker';
import {
  applicationWorld,
  createDraft,
  decide,
  openWindows,
  refusedOutsideWindow,
  signedInCandidate,
  submit,
} from '../support/applications';
import { insertPassed } from '../support/records';
import { startTestServer, type TestServer } from '../support/testApp';

describe('毕业申请 (graduation): only with the plan complete; the ticket graduates, the certificate is queued', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
    await openWindows(server, ['graduation']);
  });
  afterAll(() => server.close());

  /** A candidate of the plan's major who passed the first `count` of its (two, required) courses. */
  async function withPassed(count: number) {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    for (const courseId of world.own.courseIds.slice(0, count)) {
      await insertPassed(server.db, { ticketId: applicant.ticketId, courseId, periodCode: '202304' }, 'exam', {
        score: 70,
      });
    }
    return applicant;
  }

  it('is refused outside its window', async () => {
    const applicant = await withPassed(2);
    expect(await refusedOutsideWindow(server, applicant, 'graduation')).toMatchObject({
      code: 'APPLICATION_WINDOW_CLOSED',
    });
  });

  it('is refused while the plan is incomplete, naming what is missing', async () => {
    const applicant = await withPassed(1);
    const missing = (await server.db.models.Course.findByPk(world.own.courseIds[1]))!;
    const draft = await createDraft(applicant.api, 'graduation', {});
    const refused = await submit(applicant.api, draft.body.id, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'GRADUATION_PLAN_INCOMPLETE',
      message: `专业考试计划尚未完成，暂不能申请毕业（未合格必考课程：${missing.code} ${missing.name}；已获学分4/8）`,
    });
    expect((await applicant.api.get(`/api/applications/${draft.body.id}`)).body).toMatchObject({ state: 'draft' });
  });

  it('once approved, marks the ticket 已毕业 and queues its certificate', async () => {
    const applicant = await withPassed(2);
    const draft = await createDraft(applicant.api, 'graduation', {});
    expect((await submit(applicant.api, draft.body.id, {})).body).toMatchObject({ state: 'submitted' });
    const approved = await decide(world.ownCounty, draft.body.id, { outcome: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      before: { status: 'active' },
      after: { ticketNo: applicant.ticketNo, status: 'graduated', creditsEarned: 8, certificateState: 'pending' },
    });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('graduated');
    const queued = await server.db.models.CertificateRequest.findAll({ where: { ticketId: applicant.ticketId } });
    expect(queued).toEqual([
      expect.objectContaining({ state: 'pending', applicationId: draft.body.id, majorId: world.planMajorId }),
    ]);
    const booking = await applicant.api.post('/api/booking/notice-acknowledgements', { periodId: world.own.periodId });
    expect(booking.body).toMatchObject({ code: 'TICKET_INACTIVE' });
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'application.approved', entityId: String(draft.body.id) },
    });
    expect(audit).toMatchObject({ actorId: world.ownCounty.id });

    // The certificates import bringing the ticket's certificate takes it off the queue.
    const major = (await server.db.models.Major.findByPk(world.planMajorId))!;
    const certificateNo = `ZS${applicant.ticketNo}`;
    const file = new FormData();
    const text = `${[[...CERTIFICATE_HEADERS], [certificateNo, applicant.ticketNo, major.code, '2027-06-30']]
      .map((r) => r.join(','))
      .join('\r\n')}\r\n`;
    file.append('file', new Blob([text]), '证书.csv');
    const uploaded = await world.province.api.post<{ id: number }>('/api/admin/imports/certificates', file);
    expect(uploaded.status, uploaded.text).toBe(201);
    await importsSettled(server.db);
    const started = await world.province.api.post(`/api/admin/imports/certificates/${uploaded.body.id}/start`, {});
    expect(started.status, started.text).toBe(200);
    await importsSettled(server.db);
    const certificate = await server.db.models.Certificate.findOne({ where: { certificateNo } });
    expect(
      await server.db.models.CertificateRequest.findOne({ where: { ticketId: applicant.ticketId } }),
    ).toMatchObject({
      state: 'issued',
      certificateId: certificate!.id,
    });
  });

  it('checks the plan again at approval, and a rejection leaves the ticket 有效', async () => {
    const applicant = await withPassed(2);
    const draft = await createDraft(applicant.api, 'graduation', {});
    await submit(applicant.api, draft.body.id, {});
    // A pass withdrawn after submission (e.g. a score corrected): the approval is refused.
    await server.db.models.PassedCourse.destroy({
      where: { ticketId: applicant.ticketId, courseId: world.own.courseIds[1] },
    });
    const refused = await decide(world.ownCounty, draft.body.id, { outcome: 'approve' });
    expect(refused.body).toMatchObject({ code: 'GRADUATION_PLAN_INCOMPLETE' });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('active');
    expect(await server.db.models.CertificateRequest.count({ where: { ticketId: applicant.ticketId } })).toBe(0);

    const rejected = await decide(world.ownCounty, draft.body.id, { outcome: 'reject', reason: '尚有课程未合格' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '尚有课程未合格' });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('active');
  });
});
