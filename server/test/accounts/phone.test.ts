import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { ageSmsCodes, completeFirstLogin, login, signedInMigrated } from '../support/accountFlows';
import { insertCandidateWithTicket, insertCatalog, insertOfficial, OFFICIAL_PASSWORD } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('phone binding', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  const signedIn = () => signedInMigrated(server);

  it('refuses a phone that another candidate has bound, before any SMS is sent', async () => {
    const first = await insertCandidateWithTicket(server.db, 'holder');
    const ready = await completeFirstLogin(new ApiClient(server.baseUrl), server.simulator, first);
    const { api } = await signedIn();
    const sent = await api.post('/api/accounts/phone/sms-code', { phone: ready.phone });
    expect(sent.status).toBe(409);
    expect(sent.body).toMatchObject({ code: 'PHONE_ALREADY_BOUND', message: '该手机号码已被其他考生绑定' });
    expect(await server.simulator.inbox(ready.phone)).toHaveLength(1);
  });

  it('unbinds with a code sent to the old phone, then binds a new one', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'rebind');
    const api = new ApiClient(server.baseUrl);
    const ready = await completeFirstLogin(api, server.simulator, candidate);
    api.token = ready.accessToken;
    expect((await api.post('/api/accounts/phone/unbind', { smsCode: '123456' })).body).toMatchObject({
      code: 'SMS_CODE_EXPIRED',
    });
    await ageSmsCodes(server.db, ready.phone, 61);
    expect((await api.post('/api/accounts/phone/unbind/sms-code')).status).toBe(200);
    const unbound = await api.post('/api/accounts/phone/unbind', {
      smsCode: await server.simulator.latestSmsCode(ready.phone),
    });
    expect(unbound.body).toEqual({ phoneMasked: null, nextStep: 'bind_phone' });
    // Without a phone the candidate cannot book until a new one is bound.
    expect((await api.post('/api/booking/notice-acknowledgements', { periodId: 1 })).body).toMatchObject({
      code: 'PHONE_BIND_REQUIRED',
    });

    const phone = randomPhone();
    await api.post('/api/accounts/phone/sms-code', { phone });
    const rebound = await api.post('/api/accounts/phone', {
      phone,
      smsCode: await server.simulator.latestSmsCode(phone),
    });
    expect(rebound.body).toMatchObject({ nextStep: null });
    expect((await api.get('/api/accounts/me')).body).toMatchObject({
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
  });

  it('binds the number WeChat vouches for, once per getPhoneNumber code', async () => {
    const { api } = await signedIn();
    const phone = randomPhone();
    const code = await server.simulator.phoneCode(phone);
    const bound = await api.post('/api/accounts/phone/wechat', { code });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ nextStep: 'change_password' });
    const other = await signedIn();
    const reused = await other.api.post('/api/accounts/phone/wechat', { code });
    expect(reused.body).toMatchObject({ code: 'WECHAT_CODE_INVALID' });
    const taken = await other.api.post('/api/accounts/phone/wechat', { code: await server.simulator.phoneCode(phone) });
    expect(taken.body).toMatchObject({ code: 'PHONE_ALREADY_BOUND' });
  });

  it('lets an official of the district unbind a lost phone, with a reason in the audit log', async () => {
    const catalog = await insertCatalog(server.db, { capacity: 5 });
    const otherCatalog = await insertCatalog(server.db, { capacity: 5 });
    const candidate = await insertCandidateWithTicket(server.db, 'lost-phone');
    const ready = await completeFirstLogin(new ApiClient(server.baseUrl), server.simulator, candidate);
    await server.db.models.Booking.create({
      candidateId: candidate.candidateId,
      periodId: catalog.periodId,
      countyId: catalog.countyId,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: null,
    });
    const officialApi = new ApiClient(server.baseUrl);
    const signIn = async (username: string) =>
      (await officialApi.post<{ accessToken: string }>('/api/admin/login', { username, password: OFFICIAL_PASSWORD }))
        .body.accessToken;
    const outsider = await insertOfficial(server.db, 'county', { countyId: otherCatalog.countyId });
    const insider = await insertOfficial(server.db, 'county', { countyId: catalog.countyId });
    const path = `/api/admin/candidates/${candidate.candidateId}/unbind-phone`;

    const refused = await officialApi.post(path, { reason: '考生手机遗失' }, await signIn(outsider.username));
    expect(refused.status).toBe(403);
    const done = await officialApi.post(
      path,
      { reason: '考生手机遗失，凭身份证现场办理' },
      await signIn(insider.username),
    );
    expect(done.body).toEqual({ unbound: true });
    const log = await server.db.models.AuditLog.findOne({
      where: { entityType: 'candidate', entityId: String(candidate.candidateId) },
    });
    expect(log).toMatchObject({
      action: 'candidate.unbind_phone',
      actorId: insider.id,
      reason: '考生手机遗失，凭身份证现场办理',
    });
    expect(log!.before).toEqual({ phone: ready.phone });
    const me = await new ApiClient(server.baseUrl).get(
      '/api/accounts/me',
      (await login(new ApiClient(server.baseUrl), candidate.ticketNo, ready.password)).accessToken,
    );
    expect(me.body).toMatchObject({ phoneMasked: null, nextStep: 'bind_phone' });
  });
});
