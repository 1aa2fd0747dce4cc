import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from './support/apiClient';
import { freshIdCardNo, insertCandidateWithTicket } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

const CROWD = 200;

/** How long a request takes, and its answer. */
async function timed<T>(request: () => Promise<T>): Promise<{ ms: number; answer: T }> {
  const started = performance.now();
  const answer = await request();
  return { ms: performance.now() - started, answer };
}

describe('availability under a crowd: one pooled connection per request at most', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Limits out of the way: every request does its full work (an address shared by a whole school).
    server = await startTestServer({
      TRUST_PROXY: 'true',
      LOGIN_IP_LOCK_AFTER: '10000',
      LOGIN_IP_CAPTCHA_AFTER: '10000',
      SMS_IP_HOURLY: '10000',
      SMS_IP_DAILY: '10000',
      SMS_IP_CAPTCHA_AFTER: '10000',
    });
  });
  afterAll(() => server.close());

  it(`answers ${CROWD} simultaneous logins and ${CROWD} SMS requests without a 500, and a catalog read meanwhile at once`, async () => {
    const api = new ApiClient(server.baseUrl);
    // A burst of guesses on a few accounts: every login runs the lockout's transaction, few reach argon2.
    const accounts: string[] = [];
    for (let i = 0; i < 4; i++) accounts.push((await insertCandidateWithTicket(server.db, 'crowd')).ticketNo);
    const logins = Array.from({ length: CROWD }, (_, i) =>
      api.post('/api/accounts/login', { account: accounts[i % accounts.length], password: `wrong${i}xx` }),
    );
    const sms = Array.from({ length: CROWD }, () => api.post('/api/registrations/sms-code', { phone: randomPhone() }));
    const catalog = await timed(() => api.get('/api/catalog/cities'));
    const loginAnswers = await Promise.all(logins);
    const smsAnswers = await Promise.all(sms);

    expect(catalog.answer.status).toBe(200);
    expect(catalog.ms).toBeLessThan(2_000);
    expect(loginAnswers.filter((a) => a.status >= 500)).toEqual([]);
    expect(smsAnswers.filter((a) => a.status >= 500)).toEqual([]);
    const guardAnswers = ['LOGIN_FAILED', 'CAPTCHA_REQUIRED', 'ACCOUNT_LOCKED'];
    expect(loginAnswers.filter((a) => !guardAnswers.includes(a.body.code as string))).toEqual([]);
    expect(smsAnswers.every((a) => a.status === 200)).toBe(true);
  }, 120_000);
});

describe('a request that gets no pooled connection', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', DB_POOL_MAX: '1', DB_POOL_ACQUIRE_MS: '300' });
  });
  afterAll(() => server.close());

  it('is answered 503 BUSY after the configured wait, in Chinese', async () => {
    const api = new ApiClient(server.baseUrl);
    // The pool's only connection is held by a transaction for as long as the request takes.
    const busy = await server.db.sequelize.transaction(() =>
      timed(() => api.post('/api/accounts/login', { account: freshIdCardNo(), password: 'wrong123x' })),
    );
    expect(busy.answer.status).toBe(503);
    expect(busy.answer.body).toMatchObject({ code: 'BUSY', message: '系统繁忙，请稍后再试' });
    expect(busy.ms).toBeLessThan(2_000);
    // Free again, the same request is answered normally.
    const after = await api.post('/api/accounts/login', { account: freshIdCardNo(), password: 'wrong123x' });
    expect(after.body).toMatchObject({ code: 'LOGIN_FAILED' });
  });
});
