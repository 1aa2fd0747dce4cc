import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { solvedCaptcha } from '../support/accountFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const GUESSES = 200;

describe('SMS code guessing in parallel (forgot password)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it(`compares at most 5 of ${GUESSES} parallel guesses, and the right code afterwards is refused`, async () => {
    const api = new ApiClient(server.baseUrl);
    const phone = randomPhone();
    const candidate = await insertCandidateWithTicket(server.db, 'guessed', { phone, password: 'Kaowei2027ok' });
    const sent = await api.post('/api/accounts/password/reset/sms-code', {
      idCardNo: candidate.idCardNo,
      phone,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(sent.status).toBe(200);
    await server.services.smsCodes.settled(); // the reset code leaves after the answer
    const code = await server.simulator.latestSmsCode(phone);
    const reset = (smsCode: string) =>
      api.post('/api/accounts/password/reset', {
        idCardNo: candidate.idCardNo,
        phone,
        smsCode,
        newPassword: 'Taken2027over',
      });
    const wrongCodes = Array.from({ length: GUESSES }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );

    const answers = await Promise.all(wrongCodes.map(reset));
    // A wrong code that was compared says so; the others were refused before any comparison.
    expect(answers.filter((a) => a.body.code === 'SMS_CODE_INVALID').length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => !['SMS_CODE_INVALID', 'SMS_CODE_EXPIRED'].includes(a.body.code as string))).toEqual(
      [],
    );
    expect((await reset(code)).body).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });
});
