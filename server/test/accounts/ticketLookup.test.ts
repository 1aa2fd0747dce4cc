import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { login, solvedCaptcha } from '../support/accountFlows';
import { freshIdCardNo, insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('找回准考证 (ticket lookup)', () => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    api = new ApiClient(server.baseUrl);
  });
  afterAll(() => server.close());

  it('lists the tickets under an ID number with their full numbers, each usable to log in', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'lookup');
    const response = await api.post<{
      tickets: Array<{ ticketNo: string; majorName: string; ticketToken: string }>;
    }>('/api/accounts/ticket-lookup', {
      idCardNo: candidate.idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(response.status).toBe(200);
    expect(response.body.tickets).toHaveLength(1);
    const [ticket] = response.body.tickets;
    // The number itself is what the candidate came for: shown whole, never as 5124****1234.
    expect(ticket!.ticketNo).toBe(candidate.ticketNo);

    const session = await api.post<{ nextStep: string }>('/api/accounts/login', {
      ticketToken: ticket!.ticketToken,
      password: candidate.idCardNo.slice(-6),
    });
    expect(session.status).toBe(200);
    expect(session.body.nextStep).toBe('bind_phone');
  });

  it('answers an unknown ID exactly like a known ID without tickets', async () => {
    const known = await insertCandidateWithTicket(server.db, 'no-tickets');
    // A non-active ticket is still listed (marked): only a candidate with no ticket at all answers empty.
    await server.db.models.Ticket.destroy({ where: { candidateId: known.candidateId } });
    const forKnown = await api.post('/api/accounts/ticket-lookup', {
      idCardNo: known.idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    const forUnknown = await api.post('/api/accounts/ticket-lookup', {
      idCardNo: freshIdCardNo(),
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(forUnknown.status).toBe(forKnown.status);
    expect(forUnknown.text).toBe(forKnown.text);
    expect(forUnknown.body).toEqual({ tickets: [] });
  });

  it('refuses a wrong captcha, and a captcha used once already', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'captcha');
    const captcha = await solvedCaptcha(api, server.simulator);
    const wrong = await api.post('/api/accounts/ticket-lookup', {
      idCardNo: candidate.idCardNo,
      ...captcha,
      captchaAnswer: 'zzzz',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'CAPTCHA_INVALID', message: '图片验证码错误或已过期，请重新获取' });
    // The wrong guess used the captcha up: the right answer no longer works.
    const reused = await api.post('/api/accounts/ticket-lookup', { idCardNo: candidate.idCardNo, ...captcha });
    expect(reused.body).toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('refuses an expired captcha', async () => {
    const captcha = await solvedCaptcha(api, server.simulator);
    await server.db.sequelize.query('UPDATE captchas SET expires_at = ? WHERE id = ?', {
      replacements: [new Date(Date.now() - 1000), captcha.captchaId],
    });
    const response = await api.post('/api/accounts/ticket-lookup', { idCardNo: freshIdCardNo(), ...captcha });
    expect(response.body).toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('explains a mistyped ID number', async () => {
    const response = await api.post('/api/accounts/ticket-lookup', {
      idCardNo: '110105194912310021',
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_ID_CARD_NO', message: '身份证号码不正确：校验位不正确' });
  });

  it('logs in by ID number too, accepting a lowercase x in the initial password', async () => {
    let candidate = await insertCandidateWithTicket(server.db, 'x-tail');
    while (!candidate.idCardNo.endsWith('X')) candidate = await insertCandidateWithTicket(server.db, 'x-tail');
    const session = await login(api, candidate.idCardNo.toLowerCase(), candidate.idCardNo.slice(-6).toLowerCase());
    expect(session.candidate).toMatchObject({ ticket: { ticketNo: candidate.ticketNo } });
  });
});
