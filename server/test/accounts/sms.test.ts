import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { ageSmsCodes, signedInMigrated, solvedCaptcha } from '../support/accountFlows';
import { startTestServer, type TestServer } from '../support/testApp';

describe('SMS codes and sending limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  const signedIn = async () => (await signedInMigrated(server)).api;
  const age = (phone: string, seconds: number) => ageSmsCodes(server.db, phone, seconds);

  it('stores codes hashed, never in clear', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await api.post('/api/accounts/phone/sms-code', { phone });
    const code = await server.simulator.latestSmsCode(phone);
    const [rows] = await server.db.sequelize.query('SELECT code_hash FROM sms_codes WHERE phone = ?', {
      replacements: [phone],
    });
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('refuses an expired code', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await api.post('/api/accounts/phone/sms-code', { phone });
    const code = await server.simulator.latestSmsCode(phone);
    await age(phone, 301);
    const response = await api.post('/api/accounts/phone', { phone, smsCode: code });
    expect(response.body).toMatchObject({ code: 'SMS_CODE_EXPIRED', message: '短信验证码已失效，请重新获取' });
  });

  it('uses a code once', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await api.post('/api/accounts/phone/sms-code', { phone });
    const code = await server.simulator.latestSmsCode(phone);
    expect((await api.post('/api/accounts/phone', { phone, smsCode: code })).status).toBe(200);
    const other = await signedIn();
    await other.post('/api/accounts/phone/unbind/sms-code');
    expect((await api.post('/api/accounts/phone', { phone, smsCode: code })).body).toMatchObject({
      code: 'SMS_CODE_EXPIRED',
    });
  });

  it('gives up on a code after 5 wrong tries, even if the 6th is right', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await api.post('/api/accounts/phone/sms-code', { phone });
    const code = await server.simulator.latestSmsCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await api.post('/api/accounts/phone', { phone, smsCode: wrong })).body).toMatchObject({
        code: 'SMS_CODE_INVALID',
      });
    }
    expect((await api.post('/api/accounts/phone', { phone, smsCode: code })).body).toMatchObject({
      code: 'SMS_CODE_EXPIRED',
    });
  });

  it('does not accept a code sent for another purpose', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await new ApiClient(server.baseUrl).post('/api/registrations/sms-code', { phone });
    const code = await server.simulator.latestSmsCode(phone);
    expect((await api.post('/api/accounts/phone', { phone, smsCode: code })).body).toMatchObject({
      code: 'SMS_CODE_EXPIRED',
    });
  });

  it('waits 60 s between sends to a phone and caps a phone at 5 an hour', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).status).toBe(200);
    const again = await api.post('/api/accounts/phone/sms-code', { phone });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('SMS_TOO_FREQUENT');
    expect(again.body.message).toMatch(/^短信发送过于频繁，请于(60|59)秒后再试$/);
    for (let i = 2; i <= 5; i++) {
      await age(phone, 61);
      expect((await api.post('/api/accounts/phone/sms-code', { phone })).status).toBe(200);
    }
    await age(phone, 61);
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).body).toMatchObject({
      code: 'SMS_LIMIT_REACHED',
    });
    expect(await server.simulator.inbox(phone)).toHaveLength(5);
  });

  it('sends once when the same request arrives five times at once', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.post('/api/accounts/phone/sms-code', { phone })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429, 429, 429, 429]);
    expect(await server.simulator.inbox(phone)).toHaveLength(1);
  });

  it('asks a noisy address for a captcha, and caps it', async () => {
    const local = await startTestServer({ TRUST_PROXY: 'true', SMS_IP_CAPTCHA_AFTER: '2', SMS_IP_HOURLY: '3' });
    try {
      const api = new ApiClient(local.baseUrl);
      const send = (captcha = {}) => api.post('/api/registrations/sms-code', { phone: randomPhone(), ...captcha });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      expect((await send()).body).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
      expect((await send(await solvedCaptcha(api, local.simulator))).status).toBe(200);
      expect((await send(await solvedCaptcha(api, local.simulator))).body).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await local.close();
    }
  });

  it('tells the candidate when the SMS provider refuses, and does not count that send', async () => {
    const api = await signedIn();
    const phone = randomPhone();
    await server.simulator.failNext('SendSms', 'LimitExceeded.PhoneNumberDailyLimit');
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).body).toMatchObject({
      code: 'SMS_LIMIT_REACHED',
    });
    await server.simulator.failNext('SendSms', 'InternalError.Timeout');
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).body).toMatchObject({ code: 'SMS_SEND_FAILED' });
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).status).toBe(200);
  });
});
