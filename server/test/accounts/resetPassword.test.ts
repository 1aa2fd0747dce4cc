import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { ageSmsCodes, completeFirstLogin, login, solvedCaptcha } from '../support/accountFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

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
});
