import type { AdminApplicationView, MyPassedCoursesView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfWorkingDaysAfter } from '../../src/lib/beijingTime';
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
} from '../support/applications';
import { insertScore } from '../support/records';
import { startTestServer, type TestServer } from '../support/testApp';

const DAY = 86_400_000;

describe('成绩复核 (score review): within working days of publication, outcome through 成绩更正', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;
  let courseCode: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
    await openWindows(server, ['score_review']);
    courseCode = (await server.db.models.Course.findByPk(world.own.courseIds[0]))!.code;
  });
  afterAll(() => server.close());

  /** A period whose scores were published `ago` ms before now, and the applicant's failed score of it. */
  async function publishedScore(ago: number, score = 55) {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const opens = Date.now() - 120 * DAY;
    const period = await server.db.models.ExamPeriod.create({
      code: `SR${applicant.ticketId}`,
      name: `复核考次${applicant.ticketId}`,
      bookingOpensAt: new Date(opens),
      bookingClosesAt: new Date(opens + 10 * DAY),
      paymentOpensAt: new Date(opens),
      paymentClosesAt: new Date(opens + 11 * DAY),
      feePerCourseFen: 3500,
      maxCourses: 4,
      bookingNotice: '报考须知',
      scoresPublishAt: new Date(Date.now() - ago),
    });
    const row = { candidateId: applicant.candidateId, ticketId: applicant.ticketId, periodId: period.id };
    await insertScore(server.db, { ...row, courseId: world.own.courseIds[0]! }, { score, passed: score >= 60 });
    const form = { periodId: period.id, courseCode, reason: '自认为答题完整，成绩偏低' };
    const draft = await createDraft(applicant.api, 'score_review', {});
    expect(draft.status, draft.text).toBe(200);
    await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'application_form' });
    return { applicant, period, form, id: draft.body.id };
  }

  it('counts working days Monday to Friday after the day of publication', () => {
    // Published Friday 2027-05-07 10:00 Beijing: Mon 10, Tue 11, Wed 12 → until Wednesday 24:00.
    const friday = new Date('2027-05-07T10:00:00+08:00');
    expect(endOfWorkingDaysAfter(friday, 3).toISOString()).toBe('2027-05-12T16:00:00.000Z');
    expect(endOfWorkingDaysAfter(new Date('2027-05-10T23:30:00+08:00'), 1).toISOString()).toBe(
      '2027-05-11T16:00:00.000Z',
    );
  });

  it('is refused outside its window, for a score not published or not the candidate’s, and too late', async () => {
    const { applicant, form, id, period } = await publishedScore(30 * DAY);
    expect(await refusedOutsideWindow(server, applicant, 'score_review')).toMatchObject({
      code: 'APPLICATION_WINDOW_CLOSED',
    });
    const late = await submit(applicant.api, id, form);
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({
      code: 'SCORE_REVIEW_TOO_LATE',
      message: expect.stringMatching(/^成绩复核须在成绩发布后3个工作日内申请（截止\d{4}年.+ 23:59），已超过申请期限$/),
    });
    const other = (await server.db.models.Course.findByPk(world.own.courseIds[1]))!.code;
    const none = await submit(applicant.api, id, { ...form, courseCode: other });
    expect(none.body).toMatchObject({ code: 'SCORE_REVIEW_SCORE_NOT_FOUND' });
    await period.update({ scoresPublishAt: new Date(Date.now() + DAY) });
    const unpublished = await submit(applicant.api, id, form);
    expect(unpublished.body).toMatchObject({ code: 'SCORE_REVIEW_SCORE_NOT_FOUND' });
  });

  it('takes the number of working days from the period, set by the province (audited)', async () => {
    const { applicant, period, form, id } = await publishedScore(20 * DAY);
    const url = `/api/admin/scores/periods/${period.id}/score-review-days`;
    expect((await world.ownCounty.api.put(url, { scoreReviewDays: 30 })).status).toBe(403);
    expect((await world.province.api.put(url, { scoreReviewDays: 0 })).text).toContain(
      '成绩复核申请期限为1至30个工作日',
    );
    const set = await world.province.api.put(url, { scoreReviewDays: 30 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ id: period.id, scoreReviewDays: 30 });
    const periods =
      await world.province.api.get<Array<{ id: number; scoreReviewDays: number }>>('/api/admin/scores/periods');
    expect(periods.body.find((p) => p.id === period.id)).toMatchObject({ scoreReviewDays: 30 });
    expect(
      await server.db.models.AuditLog.count({
        where: { action: 'period.score_review_days', entityId: String(period.id) },
      }),
    ).toBe(1);
    const sent = await submit(applicant.api, id, form);
    expect(sent.body).toMatchObject({ state: 'submitted' });
  });

  it('corrected by the province: the score, the passed course and the audit log change in the decision', async () => {
    const { applicant, form, id, period } = await publishedScore(3600_000);
    expect((await submit(applicant.api, id, form)).body).toMatchObject({ state: 'submitted' });
    const outcome = { result: 'corrected', correction: { score: 64, reason: '复核发现第三大题漏计分' } };
    expect((await decide(world.ownCounty, id, { outcome: 'approve', scoreReview: outcome })).body).toMatchObject({
      code: 'SCORE_REVIEW_OUTCOME_UNEXPECTED',
    });
    expect((await decide(world.ownCounty, id, { outcome: 'approve' })).body).toMatchObject({ state: 'in_review' });
    const missing = await decide(world.province, id, { outcome: 'approve' });
    expect(missing.body).toMatchObject({ code: 'SCORE_REVIEW_OUTCOME_REQUIRED' });
    const halfDone = await decide(world.province, id, { outcome: 'approve', scoreReview: { result: 'corrected' } });
    expect(halfDone.text).toContain('成绩有误须填写更正后的成绩及原因');

    const approved = await decide(world.province, id, { outcome: 'approve', scoreReview: outcome });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject<Partial<AdminApplicationView>>({
      state: 'approved',
      before: expect.objectContaining({ courseCode, score: 55, passed: false }),
      after: expect.objectContaining({ courseCode, score: 64, passed: true, result: 'corrected' }),
    });
    const score = await server.db.models.Score.findOne({
      where: { ticketId: applicant.ticketId, periodId: period.id },
    });
    expect(score).toMatchObject({ score: 64, passed: true });
    const passed = await applicant.api.get<MyPassedCoursesView>('/api/records/passed');
    expect(passed.body.courses).toEqual([expect.objectContaining({ courseCode, score: 64, passedBy: 'exam' })]);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'score.review_correct', entityId: String(score!.id) },
    });
    expect(audit).toMatchObject({ actorId: world.province.id, reason: '复核发现第三大题漏计分' });
  });

  it('unchanged: the score stays, and a rejection keeps its reason', async () => {
    const first = await publishedScore(3600_000);
    await submit(first.applicant.api, first.id, first.form);
    await decide(world.ownCounty, first.id, { outcome: 'approve' });
    const approved = await decide(world.province, first.id, {
      outcome: 'approve',
      scoreReview: { result: 'unchanged' },
    });
    expect(approved.body).toMatchObject({ state: 'approved', after: { result: 'unchanged', score: 55 } });
    const score = await server.db.models.Score.findOne({ where: { ticketId: first.applicant.ticketId } });
    expect(score).toMatchObject({ score: 55, passed: false });
    expect(
      await server.db.models.AuditLog.count({ where: { action: 'score.review_correct', entityId: String(score!.id) } }),
    ).toBe(0);

    const second = await publishedScore(3600_000);
    await submit(second.applicant.api, second.id, second.form);
    const rejected = await decide(world.ownCounty, second.id, { outcome: 'reject', reason: '申请表未经考区盖章' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '申请表未经考区盖章' });
  });
});
