import type { AdminApplicationView, ApplicationView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationWorld,
  createDraft,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
  type Applicant,
} from '../support/applications';
import { freshIdCardNo } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('信息变更 (change of details): county decides names, the province documents', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
  });
  afterAll(() => server.close());

  async function submitted(applicant: Applicant, form: Record<string, unknown>) {
    const draft = await createDraft(applicant.api, 'info_change', form);
    expect(draft.status, draft.text).toBe(200);
    const proof = await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'id_document' });
    expect(proof.status, proof.text).toBe(200);
    const sent = await submit(applicant.api, draft.body.id, form);
    expect(sent.status, sent.text).toBe(200);
    return sent.body;
  }

  const decide = (api: typeof world.ownCounty.api, id: number, body: Record<string, unknown>) =>
    api.post<AdminApplicationView & { code?: string }>(`/api/admin/applications/${id}/decision`, body);

  it('renames the candidate on the county’s approval, keeping before and after', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const application = await submitted(applicant, { name: '李新名', ethnicity: '回族', reason: '户籍登记姓名已变更' });
    const approved = await decide(world.ownCounty.api, application.id, { outcome: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      reviewLevel: 'county',
      before: { name: '测试考生', ethnicity: null },
      after: { name: '李新名', ethnicity: '回族' },
    });
    expect(await server.db.models.Candidate.findByPk(applicant.candidateId)).toMatchObject({
      name: '李新名',
      ethnicity: '回族',
    });
    const mine = await applicant.api.get<ApplicationView>(`/api/applications/${application.id}`);
    expect(mine.body.after).toEqual({ name: '李新名', ethnicity: '回族' });
  });

  it('sends a document change up to the province, which alone applies it', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const newNo = freshIdCardNo();
    const before = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    const application = await submitted(applicant, {
      documentType: 'resident_id',
      documentNo: newNo,
      reason: '身份证号码登记有误',
    });
    // The new number is not kept in clear, nor shown back.
    const row = await server.db.models.CandidateApplication.findByPk(application.id);
    expect(JSON.stringify(row!.form)).not.toContain(newNo);
    expect(application.form.documentNo).not.toBe(newNo);

    const forwarded = await decide(world.ownCounty.api, application.id, { outcome: 'approve' });
    expect(forwarded.body).toMatchObject({ state: 'in_review', stateLabel: '审核中', reviewLevel: 'province' });
    expect(await server.db.models.Candidate.findByPk(applicant.candidateId)).toMatchObject({
      idCardHash: before.idCardHash,
    });
    // The county has given its opinion; the province's step is not theirs (nor another county's).
    expect((await decide(world.ownCounty.api, application.id, { outcome: 'approve' })).status).toBe(403);
    expect((await decide(world.otherCounty.api, application.id, { outcome: 'approve' })).status).toBe(403);
    // Nor is it the candidate's to withdraw any more.
    const withdraw = await applicant.api.post(`/api/applications/${application.id}/withdraw`);
    expect(withdraw.body).toMatchObject({ code: 'APPLICATION_NOT_WITHDRAWABLE' });

    const approved = await decide(world.province.api, application.id, { outcome: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      reviewLevel: 'province',
      before: { documentType: 'resident_id', documentNo: before.idCardMasked },
      after: { documentType: 'resident_id', documentNo: expect.stringContaining('*') },
    });
    expect(approved.body.decisions.map((d) => [d.level, d.outcome])).toEqual([
      ['county', 'forwarded'],
      ['province', 'approved'],
    ]);
    const after = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    expect(after.idCardHash).toBe(server.services.vault.hash(newNo));
    expect(server.services.vault.decrypt(after.idCardCipher)).toBe(newNo);
    expect(after.birthDate).toBe(`${newNo.slice(6, 10)}-${newNo.slice(10, 12)}-${newNo.slice(12, 14)}`);
    const audits = await server.db.models.AuditLog.findAll({
      where: { entityType: 'candidate_application', entityId: String(application.id) },
      order: [['id', 'ASC']],
    });
    expect(audits.map((a) => a.action)).toEqual(['application.forwarded', 'application.approved']);
    expect(JSON.stringify(audits.map((a) => a.after))).not.toContain(newNo);
  });

  it('is rejected at the province with a reason, and the candidate is left as they were', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const before = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    const application = await submitted(applicant, {
      name: '赵改名',
      documentType: 'resident_id',
      documentNo: freshIdCardNo(),
      reason: '身份证号码登记有误',
    });
    await decide(world.ownCounty.api, application.id, { outcome: 'approve' });
    const rejected = await decide(world.province.api, application.id, { outcome: 'reject', reason: '户籍证明不符' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '户籍证明不符' });
    expect(await server.db.models.Candidate.findByPk(applicant.candidateId)).toMatchObject({
      name: before.name,
      idCardHash: before.idCardHash,
    });
  });

  it('refuses a number another candidate holds, and a form with nothing to change', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const holder = await signedInCandidate(server, world.own.countyId);
    const nothing = await createDraft(applicant.api, 'info_change', {});
    const empty = await submit(applicant.api, nothing.body.id, { reason: '没有填写变更内容' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('请选择需要变更的信息并填写变更内容');
    await applicant.api.post(`/api/applications/${nothing.body.id}/withdraw`);

    const application = await submitted(applicant, {
      documentType: 'resident_id',
      documentNo: holder.idCardNo,
      reason: '身份证号码登记有误',
    });
    await decide(world.ownCounty.api, application.id, { outcome: 'approve' });
    const taken = await decide(world.province.api, application.id, { outcome: 'approve' });
    expect(taken.body).toMatchObject({ code: 'DOCUMENT_NO_TAKEN' });
    const unchanged = await world.province.api.get<AdminApplicationView>(`/api/admin/applications/${application.id}`);
    expect(unchanged.body).toMatchObject({ state: 'in_review', decisions: [{ outcome: 'forwarded' }] });
  });
});
