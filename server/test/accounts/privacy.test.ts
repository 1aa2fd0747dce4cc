import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import {
  ageSmsCodes,
  completeFirstLogin,
  registrationExtras,
  solvedCaptcha,
  uploadPhoto,
} from '../support/accountFlows';
import {
  freshIdCardNo,
  insertCandidateWithTicket,
  insertCatalog,
  insertOfficial,
  OFFICIAL_PASSWORD,
} from '../support/fixtures';
import { makePng } from '../support/images';
import { startTestServer, type TestServer } from '../support/testApp';

/** Every account flow once, then a look at every answer and every log line for full ID or phone numbers. */
describe('personal data in answers and logs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('never shows a full ID number or phone number', async () => {
    const api = new ApiClient(server.baseUrl);
    const secrets: string[] = [];
    const catalog = await insertCatalog(server.db, { capacity: 3 });

    // A migrated candidate: lookup, login by ID number, first-login steps, profile, reset with a wrong phone.
    const candidate = await insertCandidateWithTicket(server.db, 'privacy');
    secrets.push(candidate.idCardNo);
    await api.post('/api/accounts/ticket-lookup', {
      idCardNo: candidate.idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    await api.post('/api/accounts/login', { account: candidate.idCardNo, password: 'wrong-one1' });
    const ready = await completeFirstLogin(api, server.simulator, candidate);
    secrets.push(ready.phone);
    await api.get('/api/accounts/me', ready.accessToken);
    await ageSmsCodes(server.db, ready.phone, 61);
    await api.post('/api/accounts/phone/sms-code', { phone: ready.phone }, ready.accessToken);
    const stranger = randomPhone();
    secrets.push(stranger);
    await api.post('/api/accounts/password/reset/sms-code', {
      idCardNo: candidate.idCardNo,
      phone: stranger,
      ...(await solvedCaptcha(api, server.simulator)),
    });

    // A new candidate registers; an official reviews.
    const idCardNo = freshIdCardNo();
    const phone = randomPhone();
    secrets.push(idCardNo, phone);
    await api.post('/api/registrations/sms-code', { phone });
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    const extras = await registrationExtras(api, server.simulator);
    const submitted = await api.post<{ applicationId: number }>('/api/registrations', {
      ...extras,
      idCardNo,
      name: '王芳',
      phone,
      smsCode: await server.simulator.latestSmsCode(phone),
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: photo.body.photoId,
    });
    const official = await insertOfficial(server.db, 'county', { countyId: catalog.countyId });
    const token = (
      await api.post<{ accessToken: string }>('/api/admin/login', {
        username: official.username,
        password: OFFICIAL_PASSWORD,
      })
    ).body.accessToken;
    await api.get('/api/admin/registrations', token);
    await api.get(`/api/admin/registrations/${submitted.body.applicationId}`, token);
    await api.post(`/api/admin/registrations/${submitted.body.applicationId}/approve`, {}, token);
    // A mistyped ID in a URL and in a body still never reaches the logs whole.
    await api.get(`/api/accounts/lookup?id=${idCardNo}&phone=${phone}`);

    const answers = api.transcript.join('\n');
    const logs = server.logLines.join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      expect(answers, `answers contain ${secret}`).not.toContain(secret);
      expect(logs, `logs contain ${secret}`).not.toContain(secret);
    }
    expect(answers).toContain(`${ready.phone.slice(0, 3)}****${ready.phone.slice(-4)}`);
    expect(logs).toContain(`${stranger.slice(0, 3)}****${stranger.slice(-4)}`);
  });
});
