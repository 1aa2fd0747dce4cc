import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { freshIdCardNo, insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const SAMPLES = 15;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('login failures take the same time whether or not the account exists', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: 'true',
      LOGIN_IP_CAPTCHA_AFTER: '1000',
      LOGIN_IP_LOCK_AFTER: '1000',
    });
  });
  afterAll(() => server.close());

  it('answers an unknown ID number, one with the initial password and one with its own password alike', async () => {
    const api = new ApiClient(server.baseUrl);
    // One failed attempt per account, so no lockout or captcha comes into play.
    const initial = [];
    const own = [];
    for (let i = 0; i < SAMPLES; i++) {
      initial.push((await insertCandidateWithTicket(server.db, 'timing-initial')).idCardNo);
      own.push((await insertCandidateWithTicket(server.db, 'timing-own', { password: 'Kaowei2027ok' })).idCardNo);
    }
    const attempt = async (account: string) => {
      const started = performance.now();
      const answer = await api.post('/api/accounts/login', { account, password: 'Guess2027no' });
      return { ms: performance.now() - started, body: { ...answer.body, requestId: undefined }, status: answer.status };
    };
    await attempt(freshIdCardNo()); // warms the server up (the decoy hash is made once)

    const times = { unknown: [] as number[], initial: [] as number[], own: [] as number[] };
    const bodies = new Set<string>();
    for (let i = 0; i < SAMPLES; i++) {
      for (const [group, account] of [
        ['unknown', freshIdCardNo()],
        ['initial', initial[i]!],
        ['own', own[i]!],
      ] as const) {
        const { ms, body, status } = await attempt(account);
        expect(status).toBe(401);
        times[group].push(ms);
        bodies.add(JSON.stringify(body));
      }
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        code: 'LOGIN_FAILED',
        message: '准考证号（证件号码）或密码错误',
        details: { captchaRequired: false },
      }),
    ]);
    const medians = Object.values(times).map(median);
    expect(Math.max(...medians) / Math.min(...medians), JSON.stringify(medians)).toBeLessThan(1.2);
  }, 180_000);
});
