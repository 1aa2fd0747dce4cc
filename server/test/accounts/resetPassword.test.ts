import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { ageSmsCodes, completeFirstLogin, login, solvedCaptcha } from '../support/accountFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';
import { expectSameTiming, timeInTurns } from '../support/timing';

const SEND_CODE = '/api/accounts/password/reset/sms-code';

describe('忘记密码 (forgot password)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('resets with ID number, bound phone and SMS code, and ends every old session', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'reset');
    const ready = await completeFirstLogin(api, server.simulator, candidate);
    await ageSmsCodes(server.db, ready.phone, 61);
    const sent = await api.post('/api/accounts/password/reset/sms-code', {
      idCardNo: candidate.idCardNo,
      phone: ready.phone,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(sent.body).toEqual({ resendAfterSeconds: 60 });
    await server.services.smsCodes.settled();
    const reset = await api.post('/api/accounts/password/reset', {
      idCardNo: candidate.idCardNo,
      phone: ready.phone,
      smsCode: await server.simulator.latestSmsCode(ready.phone),
      newPassword: 'NewPass2027x',
    });
    expect(reset.body).toEqual({ reloginRequired: true });
    expect((await api.get('/api/accounts/me', ready.accessToken)).body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect((await login(api, candidate.ticketNo, 'NewPass2027x')).nextStep).toBeNull();
  });

  it('answers a phone that is not the bound one like any other, and sends nothing', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'reset-mismatch');
    await completeFirstLogin(api, server.simulator, candidate);
    const stranger = randomPhone();
    const sent = await api.post('/api/accounts/password/reset/sms-code', {
      idCardNo: candidate.idCardNo,
      phone: stranger,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(sent.body).toEqual({ resendAfterSeconds: 60 });
    await server.services.smsCodes.settled();
    expect(await server.simulator.inbox(stranger)).toHaveLength(0);
    const reset = await api.post('/api/accounts/password/reset', {
      idCardNo: candidate.idCardNo,
      phone: stranger,
      smsCode: '123456',
      newPassword: 'NewPass2027x',
    });
    expect(reset.body).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it('needs the captcha', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'reset-captcha');
    const sent = await api.post('/api/accounts/password/reset/sms-code', {
      idCardNo: candidate.idCardNo,
      phone: randomPhone(),
    });
    expect(sent.body).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
  });

  async function askCode(api: ApiClient, idCardNo: string, phone: string, on: TestServer = server) {
    return api.post(SEND_CODE, { idCardNo, phone, ...(await solvedCaptcha(api, on.simulator)) });
  }

  it('answers the bound phone and any other phone alike, the 60-second wait included', async () => {
    const phone = randomPhone();
    const candidate = await insertCandidateWithTicket(server.db, 'reset-alike', { phone });
    const stranger = randomPhone();
    const api = new ApiClient(server.baseUrl);
    const ask = async () => [
      await askCode(api, candidate.idCardNo, phone),
      await askCode(api, candidate.idCardNo, stranger),
    ];
    // Each answer has its own request id, and the seconds left may differ by one; nothing else may.
    const seen = (answer: { status: number; body: Record<string, unknown> }) => ({
      status: answer.status,
      body: { ...answer.body, requestId: undefined, message: String(answer.body.message).replace(/\d+/, 'N') },
    });
    const first = await ask();
    expect(first[0]!.body).toEqual({ resendAfterSeconds: 60 });
    expect(seen(first[1]!)).toEqual(seen(first[0]!));
    const again = await ask();
    expect(again[0]!.body).toMatchObject({ code: 'SMS_TOO_FREQUENT' });
    expect(seen(again[1]!)).toEqual(seen(again[0]!));

    await server.services.smsCodes.settled();
    expect(await server.simulator.inbox(phone)).toHaveLength(1);
    expect(await server.simulator.inbox(stranger)).toHaveLength(0);
  });

  it('honours the solved captcha when the address has to show one anyway', async () => {
    const strict = await startTestServer({ TRUST_PROXY: 'true', SMS_IP_CAPTCHA_AFTER: '0' });
    try {
      const phone = randomPhone();
      const candidate = await insertCandidateWithTicket(strict.db, 'reset-captcha-honoured', { phone });
      const api = new ApiClient(strict.baseUrl);
      const bound = await askCode(api, candidate.idCardNo, phone, strict);
      expect(bound.body).toEqual({ resendAfterSeconds: 60 });
      const other = await askCode(api, candidate.idCardNo, randomPhone(), strict);
      expect(other.body).toEqual(bound.body);
      await strict.services.smsCodes.settled();
      expect(await strict.simulator.inbox(phone)).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('takes as long for a phone that is not the bound one', async () => {
    const ask = (bound: boolean) => async () => {
      const phone = randomPhone();
      const candidate = await insertCandidateWithTicket(server.db, 'reset-timing', { phone });
      const api = new ApiClient(server.baseUrl);
      const body = {
        idCardNo: candidate.idCardNo,
        phone: bound ? phone : randomPhone(),
        ...(await solvedCaptcha(api, server.simulator)),
      };
      return async () => {
        const answer = await api.post(SEND_CODE, body);
        expect(answer.status, answer.text).toBe(200);
      };
    };
    // What goes on after the answer (the SMS on its way) must not slow the next request down.
    const [bound, other] = await timeInTurns(80, ask(true), ask(false), () => server.services.smsCodes.settled());
    expectSameTiming(bound, other);
  });
});
