import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPhone } from './support/apiClient';
import { startReverseProxy, type ReverseProxy } from './support/reverseProxy';
import { startTestServer, type TestServer } from './support/testApp';

const randomAddress = () => `203.0.113.${randomInt(1, 255)}`;

async function post(baseUrl: string, path: string, body: unknown, forwardedFor: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

describe('the client address behind the trusted proxy (TRUST_PROXY=true, one hop)', () => {
  let server: TestServer;
  let proxy: ReverseProxy;
  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: 'true',
      SMS_IP_HOURLY: '3',
      SMS_IP_DAILY: '100',
      SMS_IP_CAPTCHA_AFTER: '1000',
    });
    proxy = await startReverseProxy(server.baseUrl);
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('counts SMS per address at the address the proxy saw, whatever X-Forwarded-For the client writes', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) {
      // An attacker varying a forged address (and forged chains) with every request, each to a new phone.
      const forged = i % 2 === 0 ? randomAddress() : `${randomAddress()}, ${randomAddress()}`;
      answers.push(await post(proxy.baseUrl, '/api/registrations/sms-code', { phone: randomPhone() }, forged));
    }
    const sent = answers.filter((a) => a.status === 200);
    // Other test files of the run may have sent from 127.0.0.1 too: never more than the cap of 3.
    expect(sent.length).toBeLessThanOrEqual(3);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    }
  });

  it('answers a request whose X-Forwarded-For is garbage or over-long like any other (4xx with a code)', async () => {
    for (const forged of ['x'.repeat(200), `fe80::1%${'z'.repeat(80)}`, `1.2.3.4, ${'9'.repeat(60)}`]) {
      for (const baseUrl of [server.baseUrl, proxy.baseUrl]) {
        const account = `51${String(randomInt(0, 1e10)).padStart(10, '0')}`;
        const answer = await post(baseUrl, '/api/accounts/login', { account, password: 'wrong-pass1' }, forged);
        expect(answer.status, JSON.stringify(answer.body)).toBe(401);
        expect(answer.body.code).toBe('LOGIN_FAILED');
      }
    }
  });
});
