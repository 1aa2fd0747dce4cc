import type { RecentPhoneBindings } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { completeFirstLogin, login } from '../support/accountFlows';
import { twoCountyOffices, type CountyOffices, type OfficialClient } from '../support/adminSession';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const DAY_MS = 86_400_000;

describe('first login of an enrolled candidate with a phone on file; 近期绑定手机', () => {
  let server: TestServer;
  let offices: CountyOffices;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    offices = await twoCountyOffices(server);
  });
  afterAll(() => server.close());

  /** An imported candidate of the first county, as the import leaves them: initial password, maybe a phone on file. */
  async function enrolled(phoneOnFile: string | null) {
    const candidate = await insertCandidateWithTicket(server.db, 'on-file');
    await server.db.models.Candidate.update(
      { phoneOnFile, countyId: offices.own.countyId },
      { where: { id: candidate.candidateId } },
    );
    const api = new ApiClient(server.baseUrl);
    const session = await login(api, candidate.ticketNo, candidate.idCardNo.slice(-6));
    api.token = session.accessToken;
    return { ...candidate, api, session };
  }

  it('tells the bind page the masked phone on file and refuses any other number, by SMS or WeChat', async () => {
    const onFile = randomPhone();
    const { api, session } = await enrolled(onFile);
    expect(session.nextStep).toBe('bind_phone');
    expect(session.candidate).toMatchObject({ phoneMasked: null, phoneOnFileMasked: masked(onFile) });
    expect((await api.get('/api/accounts/me')).body).toMatchObject({
      nextStep: 'bind_phone',
      phoneOnFileMasked: masked(onFile),
    });

    const stranger = randomPhone();
    const message = `请使用在籍信息登记的手机号 ${masked(onFile)} 接收验证码；手机号已变更的，请携带证件到报考县（市、区）考办重置`;
    const code = await api.post('/api/accounts/phone/sms-code', { phone: stranger });
    expect(code.status, code.text).toBe(400);
    expect(code.body).toEqual(expect.objectContaining({ code: 'PHONE_NOT_ON_FILE', message }));
    expect(await server.simulator.inbox(stranger)).toEqual([]);

    // A code sent to the phone on file does not bind another number either.
    expect((await api.post('/api/accounts/phone/sms-code', {})).status).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(onFile);
    const bound = await api.post('/api/accounts/phone', { phone: stranger, smsCode });
    expect(bound.body).toMatchObject({ code: 'PHONE_NOT_ON_FILE', message });

    const wechat = await api.post('/api/accounts/phone/wechat', { code: await server.simulator.phoneCode(stranger) });
    expect(wechat.body).toMatchObject({ code: 'PHONE_NOT_ON_FILE' });

    const candidate = await server.db.models.Candidate.findOne({ where: { phoneOnFile: onFile } });
    expect(candidate!.phone).toBeNull();
  });

  it('binds the phone on file (sent without a number, as the locked bind page does, or typed in full)', async () => {
    const onFile = randomPhone();
    const { api, candidateId } = await enrolled(onFile);
    expect((await api.post('/api/accounts/phone/sms-code', {})).body).toEqual({ resendAfterSeconds: 60 });
    const smsCode = await server.simulator.latestSmsCode(onFile);
    const bound = await api.post('/api/accounts/phone', { smsCode });
    expect(bound.body).toEqual({ phoneMasked: masked(onFile), nextStep: 'change_password' });
    const candidate = await server.db.models.Candidate.findByPk(candidateId, { rejectOnEmpty: true });
    expect(candidate.phone).toBe(onFile);
    expect((await api.get('/api/accounts/me')).body).toMatchObject({ phoneOnFileMasked: null });

    const typed = await enrolled(randomPhone());
    const typedPhone = (await server.db.models.Candidate.findByPk(typed.candidateId, { rejectOnEmpty: true }))
      .phoneOnFile!;
    expect((await typed.api.post('/api/accounts/phone/sms-code', { phone: typedPhone })).status).toBe(200);
    const typedCode = await server.simulator.latestSmsCode(typedPhone);
    expect((await typed.api.post('/api/accounts/phone', { phone: typedPhone, smsCode: typedCode })).body).toEqual({
      phoneMasked: masked(typedPhone),
      nextStep: 'change_password',
    });
  });

  it('keeps today’s flow where no phone came: any number, which must then be given', async () => {
    const { api } = await enrolled(null);
    expect((await api.get('/api/accounts/me')).body).toMatchObject({ phoneOnFileMasked: null });
    const missing = await api.post('/api/accounts/phone/sms-code', {});
    expect(missing.body).toMatchObject({ code: 'PHONE_REQUIRED', message: '请输入11位手机号码' });
    const phone = randomPhone();
    expect((await api.post('/api/accounts/phone/sms-code', { phone })).status).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(phone);
    expect((await api.post('/api/accounts/phone', { phone, smsCode })).body).toEqual({
      phoneMasked: masked(phone),
      nextStep: 'change_password',
    });
  });

  it('lets the county office replace the phone on file at a password reset (audited), then binds the new one', async () => {
    const oldPhone = randomPhone();
    const { candidateId, ticketNo, idCardNo } = await enrolled(oldPhone);
    const newPhone = randomPhone();
    const reset = await offices.ownCounty.api.post(`/api/admin/candidates/${candidateId}/reset-password`, {
      reason: '考生手机号已变更，持身份证到考办办理',
      phoneOnFile: newPhone,
    });
    expect(reset.status, reset.text).toBe(200);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'candidate.reset_password', entityId: String(candidateId) },
      rejectOnEmpty: true,
    });
    expect(audit.before).toMatchObject({ phoneOnFile: masked(oldPhone) });
    expect(audit.after).toMatchObject({ phoneOnFile: masked(newPhone) });
    expect(audit.reason).toBe('考生手机号已变更，持身份证到考办办理');

    const api = new ApiClient(server.baseUrl);
    api.token = (await login(api, ticketNo, idCardNo.slice(-6))).accessToken;
    expect((await api.get('/api/accounts/me')).body).toMatchObject({ phoneOnFileMasked: masked(newPhone) });
    expect((await api.post('/api/accounts/phone/sms-code', { phone: oldPhone })).body).toMatchObject({
      code: 'PHONE_NOT_ON_FILE',
    });

    // Cleared: any number again.
    const cleared = await offices.ownCounty.api.post(`/api/admin/candidates/${candidateId}/reset-password`, {
      reason: '考生无常用手机号，改为自行绑定',
      phoneOnFile: null,
    });
    expect(cleared.status, cleared.text).toBe(200);
    api.token = (await login(api, ticketNo, idCardNo.slice(-6))).accessToken;
    expect((await api.get('/api/accounts/me')).body).toMatchObject({ phoneOnFileMasked: null });
  });

  const bindings = (official: OfficialClient) =>
    official.api.get<RecentPhoneBindings>('/api/admin/phone-bindings?pageSize=100');

  it('lists recent bindings masked, in scope only, and not those outside the window', async () => {
    const recent = await enrolled(null);
    const ready = await completeFirstLogin(new ApiClient(server.baseUrl), server.simulator, recent);
    const old = await enrolled(null);
    const oldPhone = randomPhone();
    await server.db.models.Candidate.update(
      { phone: oldPhone, phoneBoundAt: new Date(Date.now() - 8 * DAY_MS) },
      { where: { id: old.candidateId } },
    );

    // A registrant's own phone, verified and reviewed at 新生注册, is not a first-login binding.
    const registrant = await enrolled(null);
    const registeredPhone = randomPhone();
    await server.db.models.Candidate.update(
      { phone: registeredPhone, phoneBoundAt: new Date() },
      { where: { id: registrant.candidateId } },
    );
    const row = await server.db.models.Candidate.findByPk(registrant.candidateId, { rejectOnEmpty: true });
    await server.db.models.Application.create({
      type: 'registration',
      state: 'approved',
      candidateId: registrant.candidateId,
      idCardHash: row.idCardHash,
      idCardCipher: row.idCardCipher,
      idCardMasked: row.idCardMasked,
      name: row.name,
      gender: row.gender,
      phone: registeredPhone,
      majorId: null,
      countyId: offices.own.countyId,
      photoPath: null,
      payload: null,
      rejectReason: null,
      reviewedBy: null,
      reviewedAt: null,
      issuedTicketNo: registrant.ticketNo,
    });

    const listed = await bindings(offices.ownCounty);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.days).toBe(7);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        candidateId: recent.candidateId,
        phoneMasked: masked(ready.phone),
        ticketNos: [recent.ticketNo],
        matchesPhoneOnFile: false,
      }),
    );
    expect(listed.text).not.toContain(ready.phone);
    expect(listed.body.items.map((i) => i.candidateId)).not.toContain(old.candidateId);
    expect(listed.body.items.map((i) => i.candidateId)).not.toContain(registrant.candidateId);

    const elsewhere = await bindings(offices.otherCounty);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.items.map((i) => i.candidateId)).not.toContain(recent.candidateId);
    expect(elsewhere.body.total).toBe(0);

    // Outside the district the undo is refused too, and changes nothing.
    const refused = await offices.otherCounty.api.post(
      `/api/admin/candidates/${recent.candidateId}/undo-phone-binding`,
      {
        reason: '考生反映手机被他人绑定',
      },
    );
    expect(refused.status).toBe(403);
    const old2 = await offices.ownCounty.api.post(`/api/admin/candidates/${old.candidateId}/undo-phone-binding`, {
      reason: '考生反映手机被他人绑定',
    });
    expect(old2.body).toMatchObject({
      code: 'PHONE_BINDING_NOT_RECENT',
      message: '该考生近7天内没有绑定手机，不能撤销',
    });
    expect((await server.db.models.Candidate.findByPk(old.candidateId, { rejectOnEmpty: true })).phone).toBe(oldPhone);
  });

  it('undoes a binding: audited, every session ended, the candidate back to the initial password to bind again', async () => {
    const victim = await enrolled(null);
    const hijacker = new ApiClient(server.baseUrl);
    const taken = await completeFirstLogin(hijacker, server.simulator, victim, 'Hijack2027pw');

    const noReason = await offices.ownCounty.api.post(
      `/api/admin/candidates/${victim.candidateId}/undo-phone-binding`,
      {},
    );
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });

    const undone = await offices.ownCounty.api.post(`/api/admin/candidates/${victim.candidateId}/undo-phone-binding`, {
      reason: '考生本人到考办反映手机被他人绑定',
    });
    expect(undone.status, undone.text).toBe(200);

    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'candidate.undo_phone_binding', entityId: String(victim.candidateId) },
      rejectOnEmpty: true,
    });
    expect(audit.actorId).toBe(offices.ownCounty.id);
    expect(audit.reason).toBe('考生本人到考办反映手机被他人绑定');
    expect(audit.before).toMatchObject({ phone: masked(taken.phone), initialPassword: false });
    expect(audit.after).toMatchObject({ phone: null, initialPassword: true });
    expect(JSON.stringify(audit.before)).not.toContain(taken.phone);

    // The hijacker's session and password are gone; the candidate logs in with the initial password and binds again.
    expect((await hijacker.get('/api/accounts/me', taken.accessToken)).body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect((await hijacker.post('/api/accounts/refresh', { refreshToken: taken.refreshToken })).status).toBe(401);
    expect(
      (await hijacker.post('/api/accounts/login', { account: victim.ticketNo, password: 'Hijack2027pw' }, '')).status,
    ).toBe(401);
    const again = await login(new ApiClient(server.baseUrl), victim.ticketNo, victim.idCardNo.slice(-6));
    expect(again.nextStep).toBe('bind_phone');
    expect((await bindings(offices.ownCounty)).body.items.map((i) => i.candidateId)).not.toContain(victim.candidateId);
  });
});
