import type { AdminApplicationView, ApplicationQueueView, ApplicationView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationWorld,
  createDraft,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
} from '../support/applications';
import { freshIdCardNo } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('review queue rows: what the reviewer compares and who decides last', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
  });
  afterAll(() => server.close());

  async function submitted(form: Record<string, unknown>) {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const draft = await createDraft(applicant.api, 'info_change', form);
    expect(draft.status, draft.text).toBe(200);
    await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'id_document' });
    const sent = await submit(applicant.api, draft.body.id, form);
    expect(sent.status, sent.text).toBe(200);
    return { applicant, application: sent.body };
  }

  it('shows the candidate’s details on file (number masked) beside the form, and that a document change goes to the province', async () => {
    const newNo = freshIdCardNo();
    const { applicant, application } = await submitted({
      documentType: 'resident_id',
      documentNo: newNo,
      reason: '身份证号码登记有误',
    });
    const onFile = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    const queue = await world.ownCounty.api.get<ApplicationQueueView>(
      '/api/admin/applications?kind=info_change&state=submitted',
    );
    expect(queue.status, queue.text).toBe(200);
    const row = queue.body.items.find((i) => i.id === application.id);
    expect(row).toMatchObject({
      finalLevel: 'province',
      current: {
        name: onFile.name,
        gender: onFile.gender,
        documentType: 'resident_id',
        documentNo: onFile.idCardMasked,
      },
    });
    expect(queue.text).not.toContain(newNo);
    expect(queue.text).not.toContain(server.services.vault.decrypt(onFile.idCardCipher));

    // The candidate's own view carries none of the officials' columns.
    const mine = await applicant.api.get<ApplicationView & Partial<AdminApplicationView>>(
      `/api/applications/${application.id}`,
    );
    expect(mine.body.current).toBeUndefined();
    expect(mine.body.finalLevel).toBeUndefined();
  });

  it('a change of name alone is the county’s to decide', async () => {
    const { application } = await submitted({ name: '周新名', reason: '户籍登记姓名已变更' });
    const view = await world.ownCounty.api.get<AdminApplicationView>(`/api/admin/applications/${application.id}`);
    expect(view.body).toMatchObject({ finalLevel: 'county', form: { name: '周新名' }, current: { name: '测试考生' } });
  });
});
