import { randomInt } from 'node:crypto';
import { initialPassword, maskDocumentNo, type DocumentType } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdCardVault } from '../../src/lib/idCardVault';
import { hashPassword } from '../../src/lib/passwords';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { ApiClient, randomPhone } from '../support/apiClient';
import {
  ageSmsCodes,
  login,
  solvedCaptcha,
  submitRegistration,
  uploadPhoto,
  type Session,
} from '../support/accountFlows';
import {
  createUnique,
  freshIdCardNo,
  insertCandidateWithTicket,
  insertCatalog,
  type CatalogFixture,
} from '../support/fixtures';
import { makePng } from '../support/images';
import { startTestServer, testSecrets, type TestServer } from '../support/testApp';

interface Registration {
  applicationId: number;
  state: string;
  registrationToken: string;
  ticketNo: string | null;
  idCardNoMasked: string;
  documentTypeName: string;
  newMajor: boolean;
  code?: string;
  message?: string;
}

interface Lookup {
  tickets: Array<{ ticketNo: string; majorName: string }>;
}

const vault = new IdCardVault(testSecrets());
const digits = (n: number) => String(randomInt(0, 10 ** n)).padStart(n, '0');

describe('证件类型 (document types) and 报考新专业 (a new major for an enrolled candidate)', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  let second: CatalogFixture;
  let county: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
    second = await insertCatalog(server.db, { capacity: 5 });
    county = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
  });
  afterAll(() => server.close());

  async function register(api: ApiClient, form: Record<string, unknown>) {
    // The same phone again: past the 60-second wait between codes.
    if (typeof form.phone === 'string') await ageSmsCodes(server.db, form.phone, 61);
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    return submitRegistration<Registration>(api, server.simulator, {
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      photoId: photo.body.photoId,
      ...form,
    });
  }

  /** An enrolled candidate as the old system's import brings them: no password of their own yet. */
  const insertEnrolled = (documentType: DocumentType, documentNo: string, phone: string | null) =>
    server.db.models.Candidate.create({
      ...vault.seal(documentNo),
      documentType,
      name: '陈在籍',
      gender: 'M',
      birthDate: '1990-01-01',
      phone,
      phoneBoundAt: phone ? new Date() : null,
      passwordHash: null,
      mustChangePassword: true,
      wechatOpenid: null,
      photoPath: null,
    });

  const approve = (applicationId: number) =>
    county.api.post<Registration>(`/api/admin/registrations/${applicationId}/approve`, {});

  async function lookup(idCardNo: string) {
    const api = new ApiClient(server.baseUrl);
    return api.post<Lookup>('/api/accounts/ticket-lookup', {
      idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
  }

  it('registers with a 港澳居民来往内地通行证: birth date and gender entered, number stored encrypted and masked', async () => {
    const api = new ApiClient(server.baseUrl);
    const documentNo = `H${digits(8)}`;
    const form = { documentType: 'hk_macao_permit', idCardNo: documentNo.toLowerCase() };

    const badNumber = await register(api, { ...form, idCardNo: 'C12345678', gender: 'F', birthDate: '1995-04-02' });
    expect(badNumber.body).toMatchObject({
      code: 'INVALID_DOCUMENT_NO',
      message: '港澳居民来往内地通行证号码不正确：应为H或M开头，后接8位或10位数字',
    });
    expect((await register(api, { ...form, gender: 'F' })).body.message).toBe('提交的信息有误：请填写出生日期');
    expect((await register(api, { ...form, birthDate: '1995-04-02' })).body.message).toBe('提交的信息有误：请选择性别');
    // The tail of the number is its initial password: never part of a chosen one.
    const weak = await register(api, {
      ...form,
      gender: 'F',
      birthDate: '1995-04-02',
      password: `Ab${documentNo.slice(-6)}`,
    });
    expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', message: '密码不符合要求：不能包含证件号码后6位' });

    const submitted = await register(api, { ...form, gender: 'F', birthDate: '1995-04-02' });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({
      idCardNoMasked: maskDocumentNo(documentNo),
      documentTypeName: '港澳居民来往内地通行证',
    });
    expect(submitted.text).not.toContain(documentNo);

    const approved = await approve(submitted.body.applicationId);
    expect(approved.status, approved.text).toBe(200);
    const candidate = await server.db.models.Candidate.findOne({ where: { idCardHash: vault.hash(documentNo) } });
    expect(candidate).toMatchObject({
      documentType: 'hk_macao_permit',
      gender: 'F',
      birthDate: '1995-04-02',
      idCardMasked: maskDocumentNo(documentNo),
    });
    expect(vault.decrypt(candidate!.idCardCipher)).toBe(documentNo);

    // Login by the document number (any case), lookup by it: the candidate's own screens show it masked.
    const session = await login(new ApiClient(server.baseUrl), documentNo.toLowerCase(), 'Register2027');
    expect(session.candidate).toMatchObject({ idCardNoMasked: maskDocumentNo(documentNo) });
    const found = await lookup(documentNo);
    expect(found.body.tickets.map((t) => t.ticketNo)).toEqual([approved.body.ticketNo]);
    // The county office finds the candidate by the full number, and sees it masked.
    const searched = await county.api.get<{ items: Array<{ id: number; idCardMasked: string }> }>(
      `/api/admin/candidates?q=${documentNo}`,
    );
    expect(searched.body.items).toEqual([
      expect.objectContaining({ id: candidate!.id, idCardMasked: maskDocumentNo(documentNo) }),
    ]);
  });

  it('an enrolled candidate with a non-ID document logs in with the initial password and resets it by number', async () => {
    const cases = [
      { documentType: 'hk_macao_permit', documentNo: 'H12345678' },
      { documentType: 'taiwan_permit', documentNo: digits(8) },
      { documentType: 'passport', documentNo: `E${digits(8)}` },
    ] as const;
    for (const { documentType, documentNo } of cases) {
      const phone = randomPhone();
      const candidate = await insertEnrolled(documentType, documentNo, phone);
      const ticket = await createUnique(() =>
        server.db.models.Ticket.create({
          ticketNo: `51${digits(10)}`,
          candidateId: candidate.id,
          majorId: catalog.majorId,
        }),
      );
      const initial = initialPassword(documentType, documentNo);
      if (documentNo === 'H12345678') expect(initial).toBe('345678');
      const api = new ApiClient(server.baseUrl);
      const first = await login(api, documentNo, initial);
      expect(first.nextStep).toBe('change_password');
      expect(first.candidate.idCardNoMasked).toBe(maskDocumentNo(documentNo));
      expect((await lookup(documentNo)).body.tickets.map((t) => t.ticketNo)).toEqual([ticket.ticketNo]);

      // 忘记密码 by the document number and the phone on the account.
      const sent = await api.post('/api/accounts/password/reset/sms-code', {
        idCardNo: documentNo,
        phone,
        ...(await solvedCaptcha(api, server.simulator)),
      });
      expect(sent.status, sent.text).toBe(200);
      await server.services.smsCodes.settled();
      const smsCode = await server.simulator.latestSmsCode(phone);
      const weak = await api.post('/api/accounts/password/reset', {
        idCardNo: documentNo,
        phone,
        smsCode,
        newPassword: `Xy${documentNo.slice(-6)}`,
      });
      expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
      // The refused attempt used the code up: a new one.
      await ageSmsCodes(server.db, phone, 61);
      await api.post('/api/accounts/password/reset/sms-code', {
        idCardNo: documentNo,
        phone,
        ...(await solvedCaptcha(api, server.simulator)),
      });
      await server.services.smsCodes.settled();
      const reset = await api.post('/api/accounts/password/reset', {
        idCardNo: documentNo,
        phone,
        smsCode: await server.simulator.latestSmsCode(phone),
        newPassword: 'Changed2027pw',
      });
      expect(reset.body, documentType).toEqual({ reloginRequired: true });
      expect((await login(api, ticket.ticketNo, 'Changed2027pw')).nextStep).toBeNull();
    }
  });

  it('refuses a number that fits no document type where the type is not asked', async () => {
    const bad = await lookup('11010519491231002');
    expect(bad.body).toMatchObject({ code: 'INVALID_ID_CARD_NO' });
    const nonsense = await lookup('H-1234');
    expect(nonsense.body).toMatchObject({
      code: 'INVALID_DOCUMENT_NO',
      message: '证件号码不正确：请核对证件类型和号码',
    });
  });

  it('gives an enrolled candidate a second ticket for a new major, keeping the password; refuses the same major', async () => {
    const idCardNo = freshIdCardNo();
    const phone = randomPhone();
    const first = await register(new ApiClient(server.baseUrl), { idCardNo, phone });
    const firstTicket = (await approve(first.body.applicationId)).body.ticketNo!;
    const candidateId = (await server.db.models.Ticket.findOne({ where: { ticketNo: firstTicket } }))!.candidateId;
    // The chosen password of the first registration; the candidate changes it later.
    await server.db.models.Candidate.update(
      { passwordHash: await hashPassword('Kept2027pass') },
      { where: { id: candidateId } },
    );

    // The same major again: refused at once, code in hand.
    const sameMajor = await register(new ApiClient(server.baseUrl), { idCardNo, phone });
    expect(sameMajor.body).toMatchObject({
      code: 'MAJOR_ALREADY_HELD',
      message: `已持有该专业的有效准考证（${firstTicket}），无需重复注册`,
    });

    // Another major, from the bound phone: accepted, reviewed, a second ticket under the same candidate.
    const newMajor = await register(new ApiClient(server.baseUrl), {
      idCardNo,
      phone,
      majorCode: second.majorCode,
      password: 'Ignored2027pw',
    });
    expect(newMajor.status, newMajor.text).toBe(200);
    expect(newMajor.body).toMatchObject({ state: 'submitted', newMajor: true });
    expect(first.body).toMatchObject({ newMajor: false });
    const approved = await approve(newMajor.body.applicationId);
    expect(approved.status, approved.text).toBe(200);
    const secondTicket = approved.body.ticketNo!;
    expect(secondTicket).not.toBe(firstTicket);
    const tickets = await server.db.models.Ticket.findAll({ where: { candidateId }, order: [['id', 'ASC']] });
    expect(tickets.map((t) => [t.ticketNo, t.majorId])).toEqual([
      [firstTicket, catalog.majorId],
      [secondTicket, second.majorId],
    ]);
    expect(await server.db.models.Candidate.count({ where: { idCardHash: vault.hash(idCardNo) } })).toBe(1);

    // The password stays: the new ticket logs in with it, not with the one typed on the new application.
    const api = new ApiClient(server.baseUrl);
    const session: Session = await login(api, secondTicket, 'Kept2027pass');
    expect(session.candidate).toMatchObject({ ticket: { ticketNo: secondTicket } });
    expect((await api.post('/api/accounts/login', { account: secondTicket, password: 'Ignored2027pw' })).status).toBe(
      401,
    );
    expect((await lookup(idCardNo)).body.tickets.map((t) => t.ticketNo).sort()).toEqual(
      [firstTicket, secondTicket].sort(),
    );

    // A third application for the second major is refused as well.
    const again = await register(new ApiClient(server.baseUrl), { idCardNo, phone, majorCode: second.majorCode });
    expect(again.body).toMatchObject({ code: 'MAJOR_ALREADY_HELD' });
  });
  it('an imported candidate without a phone applies from a free phone; approval refuses a major held meanwhile', async () => {
    const idCardNo = freshIdCardNo();
    const candidate = await insertEnrolled('resident_id', idCardNo, null);
    const taken = randomPhone();
    await insertCandidateWithTicket(server.db, 'phone-owner', { phone: taken });
    const refused = await register(new ApiClient(server.baseUrl), {
      idCardNo,
      phone: taken,
      majorCode: second.majorCode,
    });
    expect(refused.body).toMatchObject({ code: 'PHONE_ALREADY_BOUND' });

    const submitted = await register(new ApiClient(server.baseUrl), { idCardNo, majorCode: second.majorCode });
    expect(submitted.body).toMatchObject({ state: 'submitted', newMajor: true });
    // Meanwhile the old system's import gives them a ticket of that major: approval refuses a second one.
    const held = await createUnique(() =>
      server.db.models.Ticket.create({
        ticketNo: `51${digits(10)}`,
        candidateId: candidate.id,
        majorId: second.majorId,
      }),
    );
    const approval = await approve(submitted.body.applicationId);
    expect(approval.body).toMatchObject({
      code: 'MAJOR_ALREADY_HELD',
      message: `已持有该专业的有效准考证（${held.ticketNo}），无需重复注册`,
    });
    expect(await server.db.models.Ticket.count({ where: { candidateId: candidate.id } })).toBe(1);
  });
});
