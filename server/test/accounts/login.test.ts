import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { solvedCaptcha } from '../support/accountFlows';
import { freshIdCardNo, insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('password login: lockout and captcha', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  const attempt = (api: ApiClient, account: string, password: string, captcha = {}) =>
    api.post('/api/accounts/login', { account, password, ...captcha });

  it('answers a wrong password and an unknown account in exactly the same words', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'same-words');
    const wrong = await attempt(api, candidate.ticketNo, 'nope12345');
    const unknown = await attempt(api, '519900000000', 'nope12345');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(wrong.body).toMatchObject({ code: 'LOGIN_FAILED', message: '准考证号（证件号码）或密码错误' });
  });

  it('wants a captcha after 3 failures and locks the account after 5 until the time it names', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'lockout');
    for (let i = 1; i <= 2; i++) {
      expect((await attempt(api, candidate.ticketNo, `wrong${i}xx`)).body).toMatchObject({
        details: { captchaRequired: false },
      });
    }
    expect((await attempt(api, candidate.ticketNo, 'wrong3xx')).body).toMatchObject({
      details: { captchaRequired: true },
    });
    expect((await attempt(api, candidate.ticketNo, 'wrong4xx')).body).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
    const fourth = await attempt(api, candidate.ticketNo, 'wrong4xx', await solvedCaptcha(api, server.simulator));
    expect(fourth.body).toMatchObject({ code: 'LOGIN_FAILED' });
    const fifth = await attempt(api, candidate.ticketNo, 'wrong5xx', await solvedCaptcha(api, server.simulator));
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.message).toMatch(/^登录失败次数过多，请于\d{2}:\d{2}后再试$/);

    // Even the right password waits for the lock to end.
    const right = candidate.idCardNo.slice(-6);
    expect((await attempt(api, candidate.ticketNo, right)).body).toMatchObject({ code: 'ACCOUNT_LOCKED' });

    // Fifteen minutes later (moved on in the database, as the clock would) the lock is over.
    await server.db.sequelize.query('UPDATE throttles SET locked_until = ?, window_ends_at = ? WHERE bucket = ?', {
      replacements: [
        new Date(Date.now() - 1000),
        new Date(Date.now() - 1000),
        `login:account:candidate:${candidate.candidateId}`,
      ],
    });
    const after = await attempt(api, candidate.ticketNo, right);
    expect(after.status).toBe(200);
  });

  it('locks an account that does not exist just the same, so locking reveals nothing', async () => {
    const api = new ApiClient(server.baseUrl);
    const ghost = freshIdCardNo();
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const captcha = i >= 3 ? await solvedCaptcha(api, server.simulator) : {};
      answers.push((await attempt(api, ghost, `wrong${i}xx`, captcha)).body.code);
    }
    expect(answers).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED']);
  });

  it('locks out an address that guesses across many accounts', async () => {
    const local = await startTestServer({ TRUST_PROXY: 'true', LOGIN_IP_LOCK_AFTER: '4' });
    try {
      const api = new ApiClient(local.baseUrl);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await attempt(api, freshIdCardNo(), 'guess123x')).body.code);
      expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
      // Another address is not affected.
      const candidate = await insertCandidateWithTicket(local.db, 'other-ip');
      expect(
        (await attempt(new ApiClient(local.baseUrl), candidate.ticketNo, candidate.idCardNo.slice(-6))).status,
      ).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('asks an address many candidates share for a captcha after 10 failures, and does not lock it out', async () => {
    const school = new ApiClient(server.baseUrl);
    const answers = [];
    for (let i = 0; i < 60; i++) {
      const captcha = i >= 10 ? await solvedCaptcha(school, server.simulator) : {};
      answers.push((await attempt(school, freshIdCardNo(), 'typo2027x', captcha)).body);
    }
    expect(answers.map((a) => a.code)).toEqual(answers.map(() => 'LOGIN_FAILED'));
    expect(answers.map((a) => (a.details as { captchaRequired: boolean }).captchaRequired).indexOf(true)).toBe(9);
    const candidate = await insertCandidateWithTicket(server.db, 'same-school');
    const password = candidate.idCardNo.slice(-6);
    expect((await attempt(school, candidate.ticketNo, password)).body).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
    const signedIn = await attempt(school, candidate.ticketNo, password, await solvedCaptcha(school, server.simulator));
    expect(signedIn.status, signedIn.text).toBe(200);
  }, 120_000);
});
