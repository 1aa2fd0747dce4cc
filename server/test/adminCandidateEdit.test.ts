import { maskIdCardNo } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/apiClient';
import { login } from './support/accountFlows';
import { signedInOfficial, twoCountyOffices, type CountyOffices, type OfficialClient } from './support/adminSession';
import { freshIdCardNo, insertCandidateWithTicket } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

describe('修改考生信息: officials correct a candidate’s details, the document number by the province only', () => {
  let server: TestServer;
  let offices: CountyOffices;
  let province: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    offices = await twoCountyOffices(server);
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  async function candidateOfOwnCounty() {
    const candidate = await insertCandidateWithTicket(server.db, 'edit');
    await server.db.models.Candidate.update(
      { countyId: offices.own.countyId },
      { where: { id: candidate.candidateId } },
    );
    return candidate;
  }

  const edit = (official: OfficialClient, candidateId: number, body: Record<string, unknown>) =>
    official.api.put<{ changed?: string[]; code?: string; message?: string }>(
      `/api/admin/candidates/${candidateId}`,
      body,
    );
  const auditsOf = (candidateId: number) =>
    server.db.models.AuditLog.findAll({
      where: { action: 'candidate.edit', entityId: String(candidateId) },
      order: [['id', 'ASC']],
    });

  it('changes only what differs, with before and after and the reason in the audit log', async () => {
    const { candidateId } = await candidateOfOwnCounty();
    const changed = await edit(offices.ownCounty, candidateId, {
      name: '买买提·艾力',
      gender: 'F',
      ethnicity: '维吾尔族',
      education: '高中',
      documentType: 'resident_id',
      reason: '依据身份证原件更正姓名、性别，补全民族和学历',
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ changed: ['name', 'gender', 'ethnicity', 'education'] });

    const candidate = await server.db.models.Candidate.findByPk(candidateId, { rejectOnEmpty: true });
    expect(candidate).toMatchObject({ name: '买买提·艾力', gender: 'F', ethnicity: '维吾尔族', education: '高中' });
    const [audit] = await auditsOf(candidateId);
    expect(audit).toMatchObject({
      actorId: offices.ownCounty.id,
      countyId: offices.own.countyId,
      reason: '依据身份证原件更正姓名、性别，补全民族和学历',
      before: { name: '测试考生', gender: 'M', ethnicity: null, education: null },
      after: { name: '买买提·艾力', gender: 'F', ethnicity: '维吾尔族', education: '高中' },
    });

    const detail = await offices.ownCounty.api.get<{ candidate: Record<string, unknown> }>(
      `/api/admin/candidates/${candidateId}`,
    );
    expect(detail.body.candidate).toMatchObject({
      name: '买买提·艾力',
      ethnicity: '维吾尔族',
      education: '高中',
      documentType: 'resident_id',
      documentTypeName: '居民身份证',
    });

    // The same again changes nothing and writes no second entry.
    expect((await edit(offices.ownCounty, candidateId, { name: '买买提·艾力', reason: '再次核对' })).body).toEqual({
      changed: [],
    });
    expect(await auditsOf(candidateId)).toHaveLength(1);
  });

  it('requires a reason and valid values', async () => {
    const { candidateId } = await candidateOfOwnCounty();
    const noReason = await edit(offices.ownCounty, candidateId, { name: '张三丰' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noReason.body.message).toContain('请填写原因');
    const badName = await edit(offices.ownCounty, candidateId, { name: 'Zhang', reason: '更正姓名' });
    expect(badName.body.message).toContain('姓名须为2至20个汉字');
    expect(await auditsOf(candidateId)).toHaveLength(0);
    const candidate = await server.db.models.Candidate.findByPk(candidateId, { rejectOnEmpty: true });
    expect(candidate.name).toBe('测试考生');
  });

  it('refuses officials of another county (403) and changes nothing', async () => {
    const { candidateId } = await candidateOfOwnCounty();
    const refused = await edit(offices.otherCounty, candidateId, { name: '李四光', reason: '更正姓名' });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await server.db.models.Candidate.findByPk(candidateId, { rejectOnEmpty: true })).name).toBe('测试考生');
    expect(await auditsOf(candidateId)).toHaveLength(0);
  });

  it('lets only the province change the document number, re-sealed so login and search use the new one', async () => {
    const candidate = await candidateOfOwnCounty();
    const newNo = freshIdCardNo();
    const byCounty = await edit(offices.ownCounty, candidate.candidateId, {
      documentNo: newNo,
      reason: '身份证号码录入错误',
    });
    expect(byCounty.status).toBe(403);
    expect(byCounty.body).toMatchObject({ code: 'DOCUMENT_NO_PROVINCE_ONLY', message: '证件号码只能由省考试院修改' });

    const invalid = await edit(province, candidate.candidateId, {
      documentNo: `${newNo.slice(0, 17)}${newNo[17] === '0' ? '1' : '0'}`,
      reason: '身份证号码录入错误',
    });
    expect(invalid.body).toMatchObject({ code: 'INVALID_DOCUMENT_NO' });
    expect(invalid.body.message).toContain('居民身份证号码不正确');

    const changed = await edit(province, candidate.candidateId, { documentNo: newNo, reason: '身份证号码录入错误' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ changed: ['documentNo'] });
    const [audit] = await auditsOf(candidate.candidateId);
    expect(audit).toMatchObject({
      before: { documentNo: maskIdCardNo(candidate.idCardNo) },
      after: { documentNo: maskIdCardNo(newNo) },
    });
    expect(JSON.stringify([audit!.before, audit!.after])).not.toContain(newNo);

    const row = await server.db.models.Candidate.findByPk(candidate.candidateId, { rejectOnEmpty: true });
    expect(server.services.vault.decrypt(row.idCardCipher)).toBe(newNo);
    expect(row.idCardHash).toBe(server.services.vault.hash(newNo));
    expect(row.birthDate).toBe(`${newNo.slice(6, 10)}-${newNo.slice(10, 12)}-${newNo.slice(12, 14)}`);

    // The candidate now logs in with the new number and its last six characters; the old number is gone.
    const api = new ApiClient(server.baseUrl);
    expect((await login(api, newNo, newNo.slice(-6))).nextStep).toBe('bind_phone');
    const old = await api.post('/api/accounts/login', {
      account: candidate.idCardNo,
      password: candidate.idCardNo.slice(-6),
    });
    expect(old.status).toBe(401);
  });

  it('refuses a number another candidate has, and a type the current number does not fit', async () => {
    const candidate = await candidateOfOwnCounty();
    const holder = await insertCandidateWithTicket(server.db, 'holder');
    const taken = await edit(province, candidate.candidateId, { documentNo: holder.idCardNo, reason: '更正证件号码' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'DOCUMENT_NO_TAKEN' });

    const wrongType = await edit(offices.ownCounty, candidate.candidateId, {
      documentType: 'taiwan_permit',
      reason: '更正证件类型',
    });
    expect(wrongType.body).toMatchObject({ code: 'INVALID_DOCUMENT_NO' });
    expect(wrongType.body.message).toContain('台湾居民来往大陆通行证号码不正确');

    const row = await server.db.models.Candidate.findByPk(candidate.candidateId, { rejectOnEmpty: true });
    expect(row.idCardHash).toBe(server.services.vault.hash(candidate.idCardNo));
    expect(row.documentType).toBe('resident_id');
    expect(await auditsOf(candidate.candidateId)).toHaveLength(0);

    // With a number of that type (province), both change together.
    const permit = await edit(province, candidate.candidateId, {
      documentType: 'hk_macao_permit',
      documentNo: `h${String(Date.now()).slice(-8)}`,
      reason: '考生为香港居民，更正证件',
    });
    expect(permit.status, permit.text).toBe(200);
    expect(permit.body).toEqual({ changed: ['documentType', 'documentNo'] });
  });
});
