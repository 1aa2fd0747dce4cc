import type { CandidateTicket, TicketLookupAnswer, TicketStatusAnswer } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { ageSmsCodes, solvedCaptcha } from '../support/accountFlows';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { readyCandidate } from '../support/bookingFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const contact = '请联系所在县（市、区）自考办';

describe('准考证状态: a ticket that is not active cannot log in, book or pay', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let ownCounty: OfficialClient;
  let neighbour: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2 });
    ownCounty = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
    neighbour = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
  });
  afterAll(() => server.close());

  /** A candidate registered in the first county, so its officials may change the ticket. */
  async function candidateOfOwnCounty() {
    const candidate = await insertCandidateWithTicket(server.db, 'status');
    await server.db.models.Candidate.update(
      { countyId: catalog.counties[0]!.countyId },
      { where: { id: candidate.candidateId } },
    );
    return candidate;
  }

  const changeStatus = (official: OfficialClient, ticketId: number, status: string, reason = '考生已办理毕业') =>
    official.api.put<Partial<TicketStatusAnswer> & { code?: string; message?: string }>(
      `/api/admin/tickets/${ticketId}/status`,
      { status, reason },
    );

  it.each([
    ['graduated', '已毕业'],
    ['transferred', '已转出'],
    ['cancelled', '已注销'],
  ])(
    'refuses login by a %s ticket, saying why and whom to contact, once the password is right',
    async (status, name) => {
      const candidate = await candidateOfOwnCounty();
      await server.db.models.Ticket.update({ status: status as 'graduated' }, { where: { id: candidate.ticketId } });
      const api = new ApiClient(server.baseUrl);

      const wrong = await api.post('/api/accounts/login', { account: candidate.ticketNo, password: 'wrong-password' });
      expect(wrong.body).toMatchObject({ code: 'LOGIN_FAILED' });

      for (const account of [candidate.ticketNo, candidate.idCardNo]) {
        const refused = await api.post('/api/accounts/login', { account, password: candidate.idCardNo.slice(-6) });
        expect(refused.status, refused.text).toBe(403);
        expect(refused.body).toMatchObject({ code: 'TICKET_INACTIVE' });
        expect(refused.body.message).toContain(`准考证${candidate.ticketNo}${name}`);
        expect(refused.body.message).toContain(contact);
      }
    },
  );

  it('refuses the WeChat one-tap login of a candidate whose only ticket was cancelled', async () => {
    const candidate = await candidateOfOwnCounty();
    const openid = `o${candidate.candidateId}status`;
    await server.db.models.Candidate.update({ wechatOpenid: openid }, { where: { id: candidate.candidateId } });
    expect((await changeStatus(ownCounty, candidate.ticketId, 'cancelled', '考生申请注销')).status).toBe(200);
    const api = new ApiClient(server.baseUrl);
    const oneTap = await api.post('/api/accounts/wechat-login', {
      code: (await server.simulator.loginCode(openid)).code,
    });
    expect(oneTap.status, oneTap.text).toBe(403);
    expect(oneTap.body).toMatchObject({ code: 'TICKET_INACTIVE' });
  });

  it('still lists a non-active ticket in the lookup, marked, and its token leads to the refusal', async () => {
    const candidate = await candidateOfOwnCounty();
    await server.db.models.Ticket.update({ status: 'cancelled' }, { where: { id: candidate.ticketId } });
    const api = new ApiClient(server.baseUrl);
    const lookup = await api.post<TicketLookupAnswer>('/api/accounts/ticket-lookup', {
      idCardNo: candidate.idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(lookup.status, lookup.text).toBe(200);
    expect(lookup.body.tickets).toEqual([
      expect.objectContaining({ ticketNo: candidate.ticketNo, status: 'cancelled', statusName: '已注销' }),
    ]);
    const login = await api.post('/api/accounts/login', {
      ticketToken: lookup.body.tickets[0]!.ticketToken,
      password: candidate.idCardNo.slice(-6),
    });
    expect(login.body).toMatchObject({ code: 'TICKET_INACTIVE' });
  });

  it('refuses booking, 保存考位, payment and refresh to a session whose ticket was cancelled after login', async () => {
    const ready = await readyCandidate(server);
    await server.db.models.Candidate.update(
      { countyId: catalog.counties[0]!.countyId },
      { where: { id: ready.candidate.candidateId } },
    );
    const { api, phone } = ready;
    const body = {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[0]!.codes[0]!],
    };
    expect((await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId })).status).toBe(200);
    await ageSmsCodes(server.db, phone, 61);
    expect((await api.post('/api/booking/hold-code', body)).status).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(phone);

    const changed = await changeStatus(ownCounty, ready.candidate.ticketId, 'cancelled', '考生申请注销');
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ ticketNo: ready.candidate.ticketNo, status: 'cancelled', statusName: '已注销' });

    const refusals = [
      await api.post('/api/booking/check', body),
      await api.post('/api/booking/holds', { ...body, smsCode }),
      await api.post('/api/payments', { outTradeNo: 'KW0000000000', channel: 'native', idCardNo: '' }),
      await api.post('/api/accounts/refresh', { refreshToken: ready.session.refreshToken }),
    ];
    for (const refused of refusals) {
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body).toMatchObject({ code: 'TICKET_INACTIVE' });
    }
    expect(await server.db.models.BookingItem.count({ where: { candidateId: ready.candidate.candidateId } })).toBe(0);

    // Back to 有效: the same session books again.
    expect((await changeStatus(ownCounty, ready.candidate.ticketId, 'active', '误操作恢复')).status).toBe(200);
    expect((await api.post('/api/booking/check', body)).status).toBe(200);
  });

  it('lets only officials of the district change it: outside, 403 and nothing changes; unknown, 404', async () => {
    const candidate = await candidateOfOwnCounty();
    const outside = await changeStatus(neighbour, candidate.ticketId, 'cancelled');
    expect(outside.status, outside.text).toBe(403);
    expect(outside.body).toMatchObject({ code: 'FORBIDDEN' });
    const ticket = await server.db.models.Ticket.findByPk(candidate.ticketId, { rejectOnEmpty: true });
    expect(ticket.status).toBe('active');
    expect(
      await server.db.models.AuditLog.count({ where: { entityType: 'ticket', entityId: String(ticket.id) } }),
    ).toBe(0);

    const unknown = await changeStatus(ownCounty, 999_999_999, 'cancelled');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: '准考证不存在' });
  });

  it('requires a reason and a known status, in Chinese', async () => {
    const candidate = await candidateOfOwnCounty();
    const noReason = await ownCounty.api.put(`/api/admin/tickets/${candidate.ticketId}/status`, {
      status: 'graduated',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('请填写原因');
    const badStatus = await changeStatus(ownCounty, candidate.ticketId, 'expelled');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain('请选择准考证状态');
    const ticket = await server.db.models.Ticket.findByPk(candidate.ticketId, { rejectOnEmpty: true });
    expect(ticket.status).toBe('active');
  });

  it('audits the change with before and after, the reason and the county', async () => {
    const candidate = await candidateOfOwnCounty();
    expect((await changeStatus(ownCounty, candidate.ticketId, 'transferred', '转出至外省')).status).toBe(200);
    // The same status again changes nothing and writes no second entry.
    expect((await changeStatus(ownCounty, candidate.ticketId, 'transferred', '转出至外省')).status).toBe(200);
    const entries = await server.db.models.AuditLog.findAll({
      where: { entityType: 'ticket', entityId: String(candidate.ticketId) },
    });
    expect(entries).toHaveLength(1);
    const detail = await ownCounty.api.get<{ tickets: CandidateTicket[] }>(
      `/api/admin/candidates/${candidate.candidateId}`,
    );
    expect(detail.body.tickets).toEqual([
      expect.objectContaining({ id: candidate.ticketId, status: 'transferred', statusName: '已转出' }),
    ]);
    expect(entries[0]).toMatchObject({
      actorType: 'official',
      actorId: ownCounty.id,
      action: 'ticket.change_status',
      before: { ticketNo: candidate.ticketNo, status: 'active' },
      after: { ticketNo: candidate.ticketNo, status: 'transferred' },
      reason: '转出至外省',
      countyId: catalog.counties[0]!.countyId,
    });
  });
});
