import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { login } from '../support/accountFlows';
import { insertCandidateWithTicket, insertCatalog, type CatalogFixture } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('first login: bind phone, change password, log in again', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCatalog(server.db, { capacity: 10 });
  });
  afterAll(() => server.close());

  it('is enforced by the server in that order, and the password change ends the old session', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'first-login');
    const initial = candidate.idCardNo.slice(-6);
    const session = await login(api, candidate.ticketNo, initial);
    expect(session.nextStep).toBe('bind_phone');
    api.token = session.accessToken;

    const ack = () => api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    expect((await ack()).body).toMatchObject({ code: 'PHONE_BIND_REQUIRED', message: '首次登录请先绑定手机' });
    const tooEarly = await api.post('/api/accounts/password', { oldPassword: initial, newPassword: 'Kaowei2027ok' });
    expect(tooEarly.body).toMatchObject({ code: 'PHONE_BIND_REQUIRED' });

    const phone = randomPhone();
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).body).toEqual({ resendAfterSeconds: 60 });
    const [sms] = await server.simulator.inbox(phone);
    expect(sms!.params[0]).toMatch(/^\d{6}$/);
    expect(sms!.params[1]).toBe('5');
    const bound = await api.post('/api/accounts/phone', { phone, smsCode: sms!.params[0] });
    expect(bound.body).toEqual({
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      nextStep: 'change_password',
    });
    expect((await ack()).body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码' });

    const weak = await api.post('/api/accounts/password', { oldPassword: initial, newPassword: '12345678' });
    expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', message: '密码不符合要求：须同时包含字母和数字' });
    const withTail = await api.post('/api/accounts/password', { oldPassword: initial, newPassword: `ab${initial}cd1` });
    expect(withTail.body).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      message: '密码不符合要求：不能包含证件号码后6位',
    });
    const wrongOld = await api.post('/api/accounts/password', { oldPassword: 'notit123', newPassword: 'Kaowei2027ok' });
    expect(wrongOld.body).toMatchObject({ code: 'OLD_PASSWORD_WRONG' });
    const changed = await api.post('/api/accounts/password', { oldPassword: initial, newPassword: 'Kaowei2027ok' });
    expect(changed.body).toEqual({ reloginRequired: true });

    // Every token from before the change is dead: access and refresh alike.
    expect((await ack()).body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    const refreshed = await api.post('/api/accounts/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect((await api.post('/api/accounts/login', { account: candidate.ticketNo, password: initial }, '')).status).toBe(
      401,
    );

    const again = await login(api, candidate.ticketNo, 'Kaowei2027ok');
    expect(again.nextStep).toBeNull();
    api.token = again.accessToken;
    const acknowledged = await ack();
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ periodId: catalog.periodId });

    const refreshedNow = await api.post<{ accessToken: string }>('/api/accounts/refresh', {
      refreshToken: again.refreshToken,
    });
    expect(refreshedNow.status).toBe(200);
    expect((await api.get('/api/accounts/me', refreshedNow.body.accessToken)).body).toMatchObject({ nextStep: null });
  });
});
