import type { AdminApplicationView, ApplicationQueueView, MyPassedCoursesView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/modules/applications/createApplication';
import {
  applicationWorld,
  createDraft,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
  type Applicant,
} from '../support/applications';
import { startTestServer, type TestServer } from '../support/testApp';

const DAY = 86_400_000;

describe('免考 (course exemption): window, submit, review, effect', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;
  let courseCode: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
    courseCode = (await server.db.models.Course.findByPk(world.own.courseIds[0]))!.code;
  });
  afterAll(() => server.close());

  /** A 免考 draft with its certificate, submitted to the county. */
  async function submitted(applicant: Applicant) {
    const draft = await createDraft(applicant.api, 'exemption', { courseCode });
    expect(draft.status, draft.text).toBe(200);
    expect(draft.body).toMatchObject({ state: 'draft', stateLabel: '草稿', kindLabel: '免考申请' });
    const uploaded = await uploadProof(applicant.api, draft.body.id, pdfBytes());
    expect(uploaded.status, uploaded.text).toBe(200);
    const sent = await submit(applicant.api, draft.body.id, { courseCode, basis: '已取得计算机等级证书' });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ state: 'submitted', stateLabel: '已提交', reviewLevel: 'county' });
    return sent.body;
  }

  it('is refused outside its window, telling the window’s times', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const candidate = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    // A window far from every other test's, so it is the nearest one to the clocks below.
    const opensAt = new Date(Date.now() + 400 * DAY);
    await server.db.models.ApplicationWindow.create({
      kind: 'exemption',
      periodId: null,
      opensAt,
      closesAt: new Date(opensAt.getTime() + DAY),
    });
    const input = { kind: 'exemption' as const, noticeAccepted: true as const, form: { courseCode }, submit: false };
    for (const at of [opensAt.getTime() - DAY, opensAt.getTime() + 2 * DAY]) {
      await expect(
        createApplication(server.services, candidate, applicant.ticketId, input, new Date(at)),
      ).rejects.toMatchObject({
        code: 'APPLICATION_WINDOW_CLOSED',
        message: expect.stringMatching(
          /^当前不在免考申请办理时间内（办理时间：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 至 .+）$/,
        ),
      });
    }
    const inside = await createApplication(
      server.services,
      candidate,
      applicant.ticketId,
      input,
      new Date(opensAt.getTime() + 1000),
    );
    expect(inside.state).toBe('draft');
  });

  it('needs the notice accepted and the certificate before it is submitted', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const unread = await applicant.api.post('/api/applications', { kind: 'exemption', form: {} });
    expect(unread.status).toBe(400);
    expect(unread.text).toContain('请先阅读并同意办理须知');
    const draft = await createDraft(applicant.api, 'exemption', {});
    const incomplete = await submit(applicant.api, draft.body.id, { courseCode: '12' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.message).toContain('课程代码“12”不正确');
    const noProof = await submit(applicant.api, draft.body.id, { courseCode, basis: '已取得证书' });
    expect(noProof.body).toMatchObject({ code: 'APPLICATION_PROOF_REQUIRED', message: '请上传证书' });
    expect((await applicant.api.get(`/api/applications/${draft.body.id}`)).body).toMatchObject({ state: 'draft' });
  });

  it('is refused for a course outside the plan of the ticket’s major', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const outside = (await server.db.models.Course.findByPk(world.other.courseIds[0]))!.code;
    const draft = await createDraft(applicant.api, 'exemption', {});
    await uploadProof(applicant.api, draft.body.id, pdfBytes());
    const refused = await submit(applicant.api, draft.body.id, { courseCode: outside, basis: '已取得证书' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'COURSE_NOT_IN_PLAN',
      message: `课程“${outside}”不在汉语言文学专业的考试计划内`,
    });
    expect((await applicant.api.get(`/api/applications/${draft.body.id}`)).body).toMatchObject({ state: 'draft' });
  });

  it('is refused for a course that does not exist or is passed already', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const draft = await createDraft(applicant.api, 'exemption', {});
    await uploadProof(applicant.api, draft.body.id, pdfBytes());
    const unknown = await submit(applicant.api, draft.body.id, { courseCode: '00000', basis: '已取得证书' });
    expect(unknown.body).toMatchObject({ code: 'COURSE_NOT_FOUND', message: '课程代码“00000”不存在' });
    await server.db.models.PassedCourse.create({
      ticketId: applicant.ticketId,
      courseId: world.own.courseIds[0]!,
      periodCode: '202304',
      passedBy: 'exam',
    });
    const passed = await submit(applicant.api, draft.body.id, { courseCode, basis: '已取得证书' });
    expect(passed.body).toMatchObject({ code: 'COURSE_ALREADY_PASSED' });
  });

  it('once approved by the county, shows the course as passed by 免考', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const application = await submitted(applicant);
    const queue = await world.ownCounty.api.get<ApplicationQueueView>(
      '/api/admin/applications?kind=exemption&state=submitted',
    );
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items.map((i) => i.id)).toContain(application.id);
    expect(queue.body.counts.submitted).toBeGreaterThan(0);

    const approved = await world.ownCounty.api.post<AdminApplicationView>(
      `/api/admin/applications/${application.id}/decision`,
      { outcome: 'approve' },
    );
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      stateLabel: '已通过',
      after: { courseCode, passedBy: 'exempt' },
    });

    const passed = await applicant.api.get<MyPassedCoursesView>('/api/records/passed');
    expect(passed.body.courses).toEqual([
      expect.objectContaining({ courseCode, passedBy: 'exempt', passedByLabel: '免考', ticketNo: applicant.ticketNo }),
    ]);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'application.approved', entityId: String(application.id) },
    });
    expect(audit).toMatchObject({ actorId: world.ownCounty.id });
    // Approved data is frozen.
    const again = await submit(applicant.api, application.id, { courseCode, basis: '改一下' });
    expect(again.body).toMatchObject({ code: 'APPLICATION_NOT_EDITABLE', message: '申请已通过，不能修改' });
  });

  it('is rejected with a reason, corrected and resubmitted', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const application = await submitted(applicant);
    const url = `/api/admin/applications/${application.id}/decision`;
    const noReason = await world.ownCounty.api.post(url, { outcome: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('不通过须填写原因');
    const rejected = await world.ownCounty.api.post(url, { outcome: 'reject', reason: '证书照片不清晰' });
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '未通过', rejectReason: '证书照片不清晰' });
    const seen = await applicant.api.get(`/api/applications/${application.id}`);
    expect(seen.body).toMatchObject({
      rejectReason: '证书照片不清晰',
      decisions: [{ outcome: 'rejected', outcomeLabel: '不通过', levelLabel: '县（市、区）考办' }],
    });

    expect((await uploadProof(applicant.api, application.id, pdfBytes(4096), { name: '清晰证书.pdf' })).status).toBe(
      200,
    );
    const resent = await submit(applicant.api, application.id, { courseCode, basis: '已取得证书（重新上传）' });
    expect(resent.body).toMatchObject({ state: 'submitted', rejectReason: null });
    const approved = await world.ownCounty.api.post(url, { outcome: 'approve' });
    expect(approved.body).toMatchObject({ state: 'approved' });
    const twice = await world.ownCounty.api.post(url, { outcome: 'approve' });
    expect(twice.body).toMatchObject({ code: 'APPLICATION_ALREADY_DECIDED' });
  });

  it('is withdrawn before review, its files gone, and may then be made again', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const application = await submitted(applicant);
    expect(await server.services.attachments.list()).toEqual(expect.arrayContaining([expect.any(String)]));
    const stored = await server.db.models.ApplicationAttachment.findAll({ where: { applicationId: application.id } });
    expect(stored).toHaveLength(1);
    const withdrawn = await applicant.api.post(`/api/applications/${application.id}/withdraw`);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', attachments: [] });
    expect(await server.services.attachments.list()).not.toContain(stored[0]!.storedName);
    expect(await server.db.models.ApplicationAttachment.count({ where: { applicationId: application.id } })).toBe(0);
    expect((await createDraft(applicant.api, 'exemption', { courseCode })).status).toBe(200);

    // Once the county has decided, it is no longer the candidate's to withdraw.
    const other = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const decided = await submitted(other);
    await world.ownCounty.api.post(`/api/admin/applications/${decided.id}/decision`, {
      outcome: 'reject',
      reason: '材料不全',
    });
    const late = await other.api.post(`/api/applications/${decided.id}/withdraw`);
    expect(late.body).toMatchObject({ code: 'APPLICATION_NOT_WITHDRAWABLE', message: '申请未通过，不能撤回' });
  });

  it('allows one open application per kind and ticket, even when two arrive at once', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const answers = await Promise.all([
      createDraft(applicant.api, 'exemption', { courseCode }),
      createDraft(applicant.api, 'exemption', { courseCode }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.message).toBe(
      '您已有一份未办结的免考申请，请查看该申请或撤回后再申请',
    );
    const later = await createDraft(applicant.api, 'exemption', { courseCode });
    expect(later.body).toMatchObject({ code: 'APPLICATION_OPEN_EXISTS' });
    // Another kind is its own.
    expect((await createDraft(applicant.api, 'info_change', { name: '李四' })).status).toBe(200);

    // An application 未通过 is no longer open; reopening it while a new one is open is refused.
    const second = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const rejected = await submitted(second);
    await world.ownCounty.api.post(`/api/admin/applications/${rejected.id}/decision`, {
      outcome: 'reject',
      reason: '材料不全',
    });
    expect((await createDraft(second.api, 'exemption', { courseCode })).status).toBe(200);
    const reopened = await submit(second.api, rejected.id, { courseCode, basis: '已取得证书' });
    expect(reopened.body).toMatchObject({ code: 'APPLICATION_OPEN_EXISTS' });
    expect((await second.api.get(`/api/applications/${rejected.id}`)).body).toMatchObject({ state: 'rejected' });
  });

  it('is reviewed and its proofs read only within the office’s districts', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const application = await submitted(applicant);
    const proof = application.attachments[0]!;
    const file = `/api/applications/${application.id}/attachments/${proof.id}`;
    const adminFile = `/api/admin/applications/${application.id}/attachments/${proof.id}`;

    const other = await world.otherCounty.api.post(`/api/admin/applications/${application.id}/decision`, {
      outcome: 'approve',
    });
    expect(other.status).toBe(403);
    expect((await world.otherCounty.api.get(`/api/admin/applications/${application.id}`)).status).toBe(403);
    expect((await world.otherCounty.api.bytes(adminFile)).response.status).toBe(403);
    const otherQueue = await world.otherCounty.api.get<ApplicationQueueView>('/api/admin/applications?kind=exemption');
    expect(otherQueue.body.items.map((i) => i.id)).not.toContain(application.id);
    const foreignFilter = await world.otherCounty.api.get(
      `/api/admin/applications?kind=exemption&countyId=${world.own.countyId}`,
    );
    expect(foreignFilter.status).toBe(403);

    const owner = await applicant.api.bytes(file);
    expect(owner.response.status).toBe(200);
    expect(owner.response.headers.get('content-type')).toBe('application/pdf');
    expect(owner.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    expect((await stranger.api.bytes(file)).response.status).toBe(404);
    expect((await stranger.api.get(`/api/applications/${application.id}`)).status).toBe(404);
    expect((await world.ownCounty.api.bytes(adminFile)).response.status).toBe(200);
    expect((await world.province.api.bytes(adminFile)).response.status).toBe(200);
  });
});
