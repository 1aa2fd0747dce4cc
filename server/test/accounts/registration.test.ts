import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, randomPhone } from '../support/apiClient';
import { login, registrationExtras, solvedCaptcha, submitRegistration, uploadPhoto } from '../support/accountFlows';
import {
  freshIdCardNo,
  insertCandidateWithTicket,
  insertCatalog,
  insertOfficial,
  OFFICIAL_PASSWORD,
  type CatalogFixture,
} from '../support/fixtures';
import { makePng } from '../support/images';
import { startTestServer, type TestServer } from '../support/testApp';
import { expectSameTiming, timeInTurns } from '../support/timing';

interface Registration {
  applicationId: number;
  state: string;
  registrationToken: string;
  rejectReason: string | null;
  ticketNo: string | null;
  code?: string;
}

describe('新生注册 (new-candidate registration)', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  let other: CatalogFixture;
  let officials: Record<'inside' | 'outside' | 'city' | 'otherCity', string>;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
    other = await insertCatalog(server.db, { capacity: 5 });
    const signIn = async (official: { username: string }) =>
      (
        await new ApiClient(server.baseUrl).post<{ accessToken: string }>('/api/admin/login', {
          username: official.username,
          password: OFFICIAL_PASSWORD,
        })
      ).body.accessToken;
    officials = {
      inside: await signIn(await insertOfficial(server.db, 'county', { countyId: catalog.countyId })),
      outside: await signIn(await insertOfficial(server.db, 'county', { countyId: other.countyId })),
      city: await signIn(await insertOfficial(server.db, 'city', { cityId: catalog.cityId })),
      otherCity: await signIn(await insertOfficial(server.db, 'city', { cityId: other.cityId })),
    };
  });
  afterAll(() => server.close());

  async function register(api: ApiClient, overrides: Record<string, unknown> = {}) {
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    return submitRegistration<Registration>(api, server.simulator, {
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      photoId: photo.body.photoId,
      ...overrides,
    });
  }

  it('checks the photo by its bytes, size and dimensions', async () => {
    const api = new ApiClient(server.baseUrl);
    const upload = async (bytes: Buffer, name?: string) =>
      uploadPhoto(api, bytes, await solvedCaptcha(api, server.simulator), name);
    const fake = await upload(Buffer.from('this is not an image at all'), 'fake.jpg');
    expect(fake.status).toBe(400);
    expect(fake.body).toMatchObject({ code: 'PHOTO_INVALID', message: '照片不符合要求：须为JPG或PNG图片' });
    const tiny = await upload(makePng(100, 120));
    expect(tiny.body.message).toBe('照片不符合要求：尺寸须在260×320至4000×6000像素之间（当前100×120）');
    const landscape = await upload(makePng(600, 400));
    expect(landscape.body.message).toBe('照片不符合要求：须为竖版证件照');
    const huge = await upload(Buffer.concat([makePng(358, 441), Buffer.alloc(2 * 1024 * 1024)]));
    expect(huge.body.message).toBe('照片不符合要求：文件不能超过2MB');
    const good = await upload(makePng(358, 441));
    expect(good.status).toBe(200);
    expect(good.body.photoId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is reviewed only within the district: rejected, corrected, approved with a new ticket, then frozen', async () => {
    const applicant = new ApiClient(server.baseUrl);
    const submitted = await register(applicant);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', name: '李小明', ticketNo: null });
    applicant.token = submitted.body.registrationToken;
    const id = submitted.body.applicationId;
    const admin = new ApiClient(server.baseUrl);

    // Outside the district: no list entry, no detail, no decision.
    const outsideList = await admin.get<{ items: Array<{ applicationId: number }> }>(
      '/api/admin/registrations',
      officials.outside,
    );
    expect(outsideList.body.items.map((i) => i.applicationId)).not.toContain(id);
    expect((await admin.get(`/api/admin/registrations/${id}`, officials.outside)).status).toBe(403);
    expect((await admin.post(`/api/admin/registrations/${id}/approve`, {}, officials.outside)).status).toBe(403);
    expect((await admin.post(`/api/admin/registrations/${id}/approve`, {}, officials.otherCity)).status).toBe(403);
    const outsideReject = await admin.post(
      `/api/admin/registrations/${id}/reject`,
      { reason: '越权驳回' },
      officials.outside,
    );
    expect(outsideReject.status).toBe(403);
    expect(outsideReject.body).toMatchObject({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
    expect((await admin.get(`/api/admin/registrations/${id}/photo`, officials.outside)).status).toBe(403);

    // The city office sees its county's queue; the county office decides.
    const cityList = await admin.get<{ items: Array<{ applicationId: number }> }>(
      '/api/admin/registrations?state=submitted',
      officials.city,
    );
    expect(cityList.body.items.map((i) => i.applicationId)).toContain(id);
    const photo = await fetch(`${server.baseUrl}/api/admin/registrations/${id}/photo`, {
      headers: { Authorization: `Bearer ${officials.inside}` },
    });
    // Stored as uploaded no longer: decoded and re-encoded as a bounded JPEG.
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    const rejected = await admin.post(
      `/api/admin/registrations/${id}/reject`,
      { reason: '照片背景不符合要求' },
      officials.inside,
    );
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '照片背景不符合要求' });
    expect(
      (await admin.post(`/api/admin/registrations/${id}/reject`, { reason: '再次驳回' }, officials.inside)).body,
    ).toMatchObject({
      code: 'APPLICATION_ALREADY_DECIDED',
    });
    expect((await applicant.get('/api/registrations/mine')).body).toMatchObject({
      state: 'rejected',
      rejectReason: '照片背景不符合要求',
    });

    // The applicant corrects the photo and resubmits, with the same phone (no new code needed).
    const mine = await server.db.models.Application.findByPk(id);
    const newPhoto = await uploadPhoto(applicant, makePng(413, 579));
    const corrected = await applicant.put('/api/registrations/mine', {
      name: '李小明',
      phone: mine!.phone,
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: newPhoto.body.photoId,
      ethnicity: '汉族',
      education: 'senior_high',
      termsAccepted: true,
      idCardImageId: mine!.idCardImage,
    });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body).toMatchObject({ state: 'submitted', rejectReason: null });

    const approved = await admin.post<Registration>(`/api/admin/registrations/${id}/approve`, {}, officials.inside);
    expect(approved.status, approved.text).toBe(200);
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()).slice(2);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.ticketNo).toMatch(new RegExp(`^51${year}\\d{8}$`));

    // The new candidate logs in with the new ticket and the password chosen at registration.
    const session = await login(new ApiClient(server.baseUrl), approved.body.ticketNo!, 'Register2027');
    expect(session.nextStep).toBeNull();
    expect(session.candidate).toMatchObject({ name: '李小明', ticket: { ticketNo: approved.body.ticketNo } });

    // Approved data is frozen.
    const frozen = await applicant.put('/api/registrations/mine', {
      name: '李大明',
      phone: mine!.phone,
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: newPhoto.body.photoId,
      ethnicity: '汉族',
      education: 'senior_high',
      termsAccepted: true,
      idCardImageId: mine!.idCardImage,
    });
    expect(frozen.body).toMatchObject({ code: 'REGISTRATION_FROZEN' });

    const audit = await server.db.models.AuditLog.findAll({
      where: { entityType: 'application', entityId: String(id) },
      order: [['id', 'ASC']],
    });
    expect(audit.map((a) => a.action)).toEqual(['registration.reject', 'registration.approve']);
    expect(audit[0]!.reason).toBe('照片背景不符合要求');
  });

  it('gives consecutive ticket numbers to consecutive approvals', async () => {
    const tickets = [];
    for (let i = 0; i < 2; i++) {
      const submitted = await register(new ApiClient(server.baseUrl));
      const approved = await new ApiClient(server.baseUrl).post<Registration>(
        `/api/admin/registrations/${submitted.body.applicationId}/approve`,
        {},
        officials.city,
      );
      tickets.push(Number(approved.body.ticketNo!.slice(4)));
    }
    expect(tickets[1]! - tickets[0]!).toBe(1);
  });

  it('refuses a second application for the same ID, and an ID that already has a ticket', async () => {
    const idCardNo = freshIdCardNo();
    const api = new ApiClient(server.baseUrl);
    expect((await register(api, { idCardNo })).status).toBe(200);
    const again = await register(new ApiClient(server.baseUrl), { idCardNo });
    expect(again.body).toMatchObject({ code: 'REGISTRATION_EXISTS' });
  });

  it('wants the SMS code of the phone it registers', async () => {
    const api = new ApiClient(server.baseUrl);
    // A real code went to the phone; a guessed one (wrong but for a one-in-a-million chance) is refused.
    const response = await register(api, { smsCode: '000000' });
    expect(response.body.code).toBe('SMS_CODE_INVALID');
  });

  it('lets a lost registration token be recovered with the ID number and an SMS code', async () => {
    const idCardNo = freshIdCardNo();
    const phone = randomPhone();
    const api = new ApiClient(server.baseUrl);
    await register(api, { idCardNo, phone });
    await server.db.sequelize.query('UPDATE sms_codes SET created_at = ? WHERE phone = ?', {
      replacements: [new Date(Date.now() - 61_000), phone],
    });
    await api.post('/api/registrations/sms-code', { phone });
    const access = await api.post<Registration>('/api/registrations/access', {
      idCardNo,
      phone,
      smsCode: await server.simulator.latestSmsCode(phone),
    });
    expect(access.status, access.text).toBe(200);
    expect((await api.get('/api/registrations/mine', access.body.registrationToken)).body).toMatchObject({
      state: 'submitted',
    });
  });

  /** Each answer has its own request id; nothing else may differ. */
  const seen = (answer: { status: number; body: object }) => ({
    status: answer.status,
    body: { ...answer.body, requestId: undefined },
  });

  it('sends the code to a phone some candidate has bound, like to any other', async () => {
    const bound = randomPhone();
    await insertCandidateWithTicket(server.db, 'reg-bound-phone', { phone: bound });
    const toBound = await new ApiClient(server.baseUrl).post('/api/registrations/sms-code', { phone: bound });
    const toFree = await new ApiClient(server.baseUrl).post('/api/registrations/sms-code', { phone: randomPhone() });
    expect(toFree.body).toEqual({ resendAfterSeconds: 60 });
    expect(seen(toBound)).toEqual(seen(toFree));
  });

  it('tells that the ID number or the phone is taken only once the SMS code is right', async () => {
    const taken = await insertCandidateWithTicket(server.db, 'reg-taken', { phone: randomPhone() });
    const stored = await server.db.models.Candidate.findByPk(taken.candidateId);
    const api = new ApiClient(server.baseUrl);
    const photoId = (await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator))).body
      .photoId;
    const extras = await registrationExtras(api, server.simulator);
    const submit = async (fields: { idCardNo: string; phone: string }, smsCode: string) =>
      api.post<Registration>('/api/registrations', {
        ...extras,
        name: '李小明',
        majorCode: catalog.majorCode,
        countyCode: catalog.countyCode,
        password: 'Register2027',
        photoId,
        smsCode,
        ...fields,
      });
    const free = { idCardNo: freshIdCardNo(), phone: randomPhone() };
    const takenId = { idCardNo: taken.idCardNo, phone: randomPhone() };
    const takenPhone = { idCardNo: freshIdCardNo(), phone: stored!.phone! };
    for (const fields of [free, takenId, takenPhone]) {
      expect((await api.post('/api/registrations/sms-code', { phone: fields.phone })).status).toBe(200);
    }

    // A wrong code: the same refusal whoever the ID number and the phone belong to.
    const wrong = await submit(free, '000000');
    expect(wrong.body.code).toBe('SMS_CODE_INVALID');
    expect(seen(await submit(takenId, '000000'))).toEqual(seen(wrong));
    expect(seen(await submit(takenPhone, '000000'))).toEqual(seen(wrong));

    // The phone's owner, code in hand, is told.
    const code = (phone: string) => server.simulator.latestSmsCode(phone);
    expect((await submit(takenId, await code(takenId.phone))).body).toMatchObject({ code: 'NEW_MAJOR_PHONE_MISMATCH' });
    expect((await submit(takenPhone, await code(takenPhone.phone))).body).toMatchObject({
      code: 'PHONE_ALREADY_BOUND',
    });
  });

  it('takes as long to refuse a wrong code for an ID number that has a ticket as for a new one', async () => {
    const api = new ApiClient(server.baseUrl);
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    const takenIds: string[] = [];
    for (let i = 0; i < 20; i++) takenIds.push((await insertCandidateWithTicket(server.db, 'reg-timing')).idCardNo);
    const extras = await registrationExtras(api, server.simulator);
    const form = (idCardNo: string) => ({
      ...extras,
      idCardNo,
      name: '李小明',
      phone: randomPhone(),
      smsCode: '000000',
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: photo.body.photoId,
    });
    // Each sample is a few submissions: a single one (~10 ms) is within this machine's jitter.
    const submissions = (taken: boolean) => async () => {
      const forms = Array.from({ length: 4 }, (_, i) =>
        form(taken ? takenIds[i * 5 + randomInt(5)]! : freshIdCardNo()),
      );
      return async () => {
        for (const body of forms) {
          expect((await api.post('/api/registrations', body)).body).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
        }
      };
    };
    const [known, unknown] = await timeInTurns(60, submissions(true), submissions(false));
    expectSameTiming(known, unknown);
  });
});
