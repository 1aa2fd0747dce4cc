import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as passwords from '../../src/lib/passwords';
import { ApiClient, randomPhone } from '../support/apiClient';
import { login } from '../support/accountFlows';
import { signedInOfficial } from '../support/adminSession';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

// Counts every comparison with a stored password hash: what a guesser is after.
vi.mock('../../src/lib/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

const PASSWORD = 'Kaowei2027ok';
const GUESSES = 50;

describe('login lockout against parallel guesses', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No captcha before the lock, so only the lock stands between a guesser and the password.
    server = await startTestServer({
      TRUST_PROXY: 'true',
      LOGIN_CAPTCHA_AFTER: '100',
      LOGIN_IP_CAPTCHA_AFTER: '1000',
      LOGIN_IP_LOCK_AFTER: '1000',
    });
  });
  afterAll(() => server.close());
  beforeEach(() => vi.mocked(passwords.verifyPassword).mockClear());

  it(`compares at most 5 of ${GUESSES} parallel wrong passwords, then refuses the right one by the ID number too`, async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'race', { phone: randomPhone(), password: PASSWORD });
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        api.post('/api/accounts/login', { account: candidate.ticketNo, password: `Wrong${i}pass` }),
      ),
    );
    expect(vi.mocked(passwords.verifyPassword).mock.calls.length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.body.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(GUESSES - 5);

    const byIdCard = await api.post('/api/accounts/login', { account: candidate.idCardNo, password: PASSWORD });
    expect(byIdCard.status).toBe(429);
    expect(byIdCard.body.code).toBe('ACCOUNT_LOCKED');
  });

  it(`gives a stolen session at most 5 guesses of the old password, then refuses it and the login`, async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'stolen', {
      phone: randomPhone(),
      password: PASSWORD,
    });
    const session = await login(api, candidate.ticketNo, PASSWORD);
    vi.mocked(passwords.verifyPassword).mockClear();
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        api.post(
          '/api/accounts/password',
          { oldPassword: `Wrong${i}pass`, newPassword: 'Stolen2027ok' },
          session.accessToken,
        ),
      ),
    );
    expect(vi.mocked(passwords.verifyPassword).mock.calls.length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.body.code === 'OLD_PASSWORD_WRONG').length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.body.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(GUESSES - 5);

    const right = await api.post(
      '/api/accounts/password',
      { oldPassword: PASSWORD, newPassword: 'Stolen2027ok' },
      session.accessToken,
    );
    expect(right.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await api.post('/api/accounts/login', { account: candidate.ticketNo, password: PASSWORD })).status).toBe(
      429,
    );
  });

  it('lifts the count when the right old password is given', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'own', { phone: randomPhone(), password: PASSWORD });
    const session = await login(api, candidate.ticketNo, PASSWORD);
    for (let i = 0; i < 4; i++) {
      const wrong = await api.post(
        '/api/accounts/password',
        { oldPassword: `Wrong${i}pass`, newPassword: 'Changed2027ok' },
        session.accessToken,
      );
      expect(wrong.body).toMatchObject({ code: 'OLD_PASSWORD_WRONG', message: '原密码不正确' });
    }
    const changed = await api.post(
      '/api/accounts/password',
      { oldPassword: PASSWORD, newPassword: 'Changed2027ok' },
      session.accessToken,
    );
    expect(changed.status).toBe(200);
    await login(api, candidate.ticketNo, 'Changed2027ok');
  });

  it('keeps the lock for every name of the candidate until an official resets the password', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'reset-lock');
    const tail = candidate.idCardNo.slice(-6);
    for (let i = 0; i < 5; i++) {
      await api.post('/api/accounts/login', { account: candidate.ticketNo, password: `Wrong${i}pass` });
    }
    for (const account of [candidate.ticketNo, candidate.idCardNo]) {
      expect((await api.post('/api/accounts/login', { account, password: tail })).body.code).toBe('ACCOUNT_LOCKED');
    }
    const { api: admin } = await signedInOfficial(server, 'province');
    const reset = await admin.post(`/api/admin/candidates/${candidate.candidateId}/reset-password`, {
      reason: '考生持身份证到考办办理',
    });
    expect(reset.status, reset.text).toBe(200);
    expect((await api.post('/api/accounts/login', { account: candidate.idCardNo, password: tail })).status).toBe(200);
  });
});
