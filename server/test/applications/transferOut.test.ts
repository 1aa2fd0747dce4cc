import type { ApplicationView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const FORM = { toProvince: '四川省', reason: '工作调动至成都' };

describe('转出 (transfer out): the ticket is transferred and a 转出证明 lists its passed courses', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
    await openWindows(server, ['transfer_out']);
  });
  afterAll(() => server.close());

  async function submitted() {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const [first, second] = world.own.courseIds;
    await insertPassed(server.db, { ticketId: applicant.ticketId, courseId: first!, periodCode: '202304' }, 'exam', {
      score: 78,
    });
    await insertPassed(server.db, { ticketId: applicant.ticketId, courseId: second!, periodCode: '202310' }, 'exempt');
    const draft = await createDraft(applicant.api, 'transfer_out', FORM);
    expect(draft.status, draft.text).toBe(200);
    const sent = await submit(applicant.api, draft.body.id, FORM);
    expect(sent.body).toMatchObject({ state: 'submitted', kindLabel: '转出申请' });
    return { applicant, application: sent.body };
  }

  it('is refused outside its window', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    expect(await refusedOutsideWindow(server, applicant, 'transfer_out')).toMatchObject({
      code: 'APPLICATION_WINDOW_CLOSED',
      message: expect.stringContaining('当前不在转出申请办理时间内'),
    });
  });

  it('once approved by the county, marks the ticket 已转出 (no booking) and gives a 转出证明', async () => {
    const { applicant, application } = await submitted();
    const approved = await decide(world.ownCounty, application.id, { outcome: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    const [first, second] = await Promise.all(
      world.own.courseIds.map(async (id) => (await server.db.models.Course.findByPk(id))!),
    );
    expect(approved.body).toMatchObject({
      state: 'approved',
      before: { ticketNo: applicant.ticketNo, status: 'active' },
      after: {
        ticketNo: applicant.ticketNo,
        status: 'transferred',
        certificate: {
          ticketNo: applicant.ticketNo,
          toProvince: '四川省',
          majorName: '汉语言文学',
          documentNo: expect.stringMatching(/\*/),
          courses: [
            expect.objectContaining({
              courseCode: first!.code,
              score: 78,
              passedByLabel: '考试',
              periodCode: '202304',
            }),
            expect.objectContaining({ courseCode: second!.code, score: null, passedByLabel: '免考' }),
          ],
        },
      },
    });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('transferred');
    const booking = await applicant.api.post('/api/booking/notice-acknowledgements', { periodId: world.own.periodId });
    expect(booking.body).toMatchObject({ code: 'TICKET_INACTIVE' });
    expect(
      await server.db.models.AuditLog.count({
        where: { action: 'application.approved', entityId: String(application.id) },
      }),
    ).toBe(1);

    // The 转出证明: the owner's and the officials' in scope, the same document each time.
    const url = `/api/applications/${application.id}/transfer-certificate`;
    const mine = await applicant.api.bytes(url);
    expect(mine.response.status).toBe(200);
    expect(mine.response.headers.get('content-type')).toBe('application/pdf');
    expect(mine.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare((await applicant.api.bytes(url)).bytes, mine.bytes)).toBe(0);
    const adminUrl = `/api/admin/applications/${application.id}/transfer-certificate`;
    const office = await world.ownCounty.api.bytes(adminUrl);
    expect(office.response.status).toBe(200);
    expect(Buffer.compare(office.bytes, mine.bytes)).toBe(0);
    expect((await world.otherCounty.api.bytes(adminUrl)).response.status).toBe(403);
    const stranger = await signedInCandidate(server, world.own.countyId);
    expect((await stranger.api.bytes(url)).response.status).toBe(404);

    // A transferred ticket files no second 转出.
    const again = await createDraft(applicant.api, 'transfer_out', FORM);
    const refused = await submit(applicant.api, again.body.id, FORM);
    expect(refused.body).toMatchObject({
      code: 'TICKET_NOT_ACTIVE_FOR_APPLICATION',
      message: `准考证${applicant.ticketNo}已转出，不能办理转出申请`,
    });
  });

  it('is refused while the ticket has a paid exam ahead, at 提交 and again at approval', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId, world.planMajorId);
    const draft = await createDraft(applicant.api, 'transfer_out', FORM);
    expect((await submit(applicant.api, draft.body.id, FORM)).body).toMatchObject({ state: 'submitted' });
    const booking = await server.db.models.Booking.create({
      candidateId: applicant.candidateId,
      periodId: world.own.periodId,
      countyId: world.own.countyId,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: new Date(),
    });
    await server.db.models.BookingItem.create({
      bookingId: booking.id,
      candidateId: applicant.candidateId,
      ticketId: applicant.ticketId,
      periodId: world.own.periodId,
      countyId: world.own.countyId,
      unitId: world.own.unitId,
      courseId: world.own.courseIds[0]!,
      state: 'paid',
      paymentOrderId: null,
      heldAt: new Date(),
      confirmedAt: new Date(),
      paidAt: new Date(),
    });
    const refused = await decide(world.ownCounty, draft.body.id, { outcome: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'TRANSFER_OUT_SEATS_HELD',
      message: `准考证${applicant.ticketNo}尚有未考试的报考课程，请考试结束或退费后再申请转出`,
    });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('active');
    await decide(world.ownCounty, draft.body.id, { outcome: 'reject', reason: '尚有报考课程未考试' });
    const again = await submit(applicant.api, draft.body.id, FORM);
    expect(again.body).toMatchObject({ code: 'TRANSFER_OUT_SEATS_HELD' });
  });

  it('is rejected with a reason: the ticket stays 有效 and there is no 转出证明', async () => {
    const { applicant, application } = await submitted();
    const rejected = await decide(world.ownCounty, application.id, { outcome: 'reject', reason: '请先结清报考费用' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '请先结清报考费用', after: null });
    expect((await server.db.models.Ticket.findByPk(applicant.ticketId))!.status).toBe('active');
    const pdf = await applicant.api.get(`/api/applications/${application.id}/transfer-certificate`);
    expect(pdf.body).toMatchObject({ code: 'TRANSFER_CERTIFICATE_UNAVAILABLE' });
    const seen = await applicant.api.get<ApplicationView>(`/api/applications/${application.id}`);
    expect(seen.body.rejectReason).toBe('请先结清报考费用');
  });
});
