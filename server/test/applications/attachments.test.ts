import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationWorld, createDraft, pdfBytes, signedInCandidate, uploadProof } from '../support/applications';
import { makePng } from '../support/images';
import { startTestServer, type TestServer } from '../support/testApp';

const MB = 1024 * 1024;

describe('application attachments: refused before anything is stored', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
  });
  afterAll(() => server.close());

  /** Rows and files held: a refused upload must change neither. */
  async function stored(applicationId: number) {
    return {
      rows: await server.db.models.ApplicationAttachment.count({ where: { applicationId } }),
      files: (await server.services.attachments.list()).length,
    };
  }

  it('takes JPG, PNG and PDF by their bytes, and keeps the name the candidate gave', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const draft = await createDraft(applicant.api, 'info_change', { name: '王五' });
    const png = await uploadProof(applicant.api, draft.body.id, makePng(40, 40), {
      name: '户口本.png',
      type: 'image/png',
      proof: 'household_register',
    });
    expect(png.status, png.text).toBe(200);
    const pdf = await uploadProof(applicant.api, draft.body.id, pdfBytes(), {
      name: '身份证.pdf',
      proof: 'id_document',
    });
    expect(pdf.body.attachments).toEqual([
      expect.objectContaining({
        proof: 'household_register',
        proofLabel: '户籍证明',
        originalName: '户口本.png',
        mime: 'image/png',
      }),
      expect.objectContaining({ proof: 'id_document', originalName: '身份证.pdf', mime: 'application/pdf' }),
    ]);
    expect(await stored(draft.body.id)).toMatchObject({ rows: 2 });
  });

  it('refuses other bytes under a .pdf name, too large a file and one too many', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const draft = await createDraft(applicant.api, 'exemption', {});
    const id = draft.body.id;
    const empty = await stored(id);

    const script = await uploadProof(applicant.api, id, Buffer.from('#!/bin/sh\necho hello\n'), { name: '证书.pdf' });
    expect(script.body).toMatchObject({
      code: 'ATTACHMENT_INVALID',
      message: '附件不符合要求：须为JPG、PNG图片或PDF文件',
    });
    const large = await uploadProof(applicant.api, id, pdfBytes(5 * MB + 1));
    expect(large.body).toMatchObject({ code: 'ATTACHMENT_INVALID', message: '附件不符合要求：文件不能超过5MB' });
    const none = await applicant.api.request('POST', `/api/applications/${id}/attachments`, new FormData());
    expect(none.status).toBe(400);
    expect(await stored(id)).toEqual(empty);

    for (let i = 0; i < 3; i++) expect((await uploadProof(applicant.api, id, pdfBytes())).status).toBe(200);
    const full = await stored(id);
    const fourth = await uploadProof(applicant.api, id, pdfBytes());
    expect(fourth.body).toMatchObject({ code: 'ATTACHMENT_LIMIT_REACHED', message: '每份免考申请最多上传3个附件' });
    expect(await stored(id)).toEqual(full);
  });

  it('are uploaded only to the candidate’s own draft or correction, and removed from it', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const stranger = await signedInCandidate(server, world.own.countyId);
    const draft = await createDraft(applicant.api, 'exemption', {});
    expect((await uploadProof(stranger.api, draft.body.id, pdfBytes())).status).toBe(404);
    const uploaded = await uploadProof(applicant.api, draft.body.id, pdfBytes());
    const attachment = uploaded.body.attachments[0]!;
    const url = `/api/applications/${draft.body.id}/attachments/${attachment.id}`;
    expect((await stranger.api.request('DELETE', url)).status).toBe(404);
    const removed = await applicant.api.request('DELETE', url);
    expect(removed.body).toMatchObject({ attachments: [] });
    expect(await stored(draft.body.id)).toMatchObject({ rows: 0 });
    expect((await applicant.api.bytes(url)).response.status).toBe(404);
  });
});
