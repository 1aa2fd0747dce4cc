import type { ApplicationKindView, ApplicationWindowView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationKinds } from '../../src/modules/applications/applicationWindows';
import { createApplication } from '../../src/modules/applications/createApplication';
import { DRAFT_KEPT_DAYS, removeStaleDrafts } from '../../src/modules/applications/draftCleanup';
import { applicationWorld, createDraft, pdfBytes, signedInCandidate, uploadProof } from '../support/applications';
import { startTestServer, type TestServer } from '../support/testApp';

const DAY = 86_400_000;

describe('application windows and stale drafts', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await applicationWorld(server);
  });
  afterAll(() => server.close());

  it('are set by the province and shown to candidates with the kinds handled online', async () => {
    const window = {
      kind: 'transfer_out',
      opensAt: new Date(Date.now() + 30 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 40 * DAY).toISOString(),
    };
    expect((await world.ownCounty.api.post('/api/admin/application-windows', window)).status).toBe(403);
    const backwards = await world.province.api.post('/api/admin/application-windows', {
      ...window,
      closesAt: window.opensAt,
    });
    expect(backwards.text).toContain('办理结束时间须晚于开始时间');
    const created = await world.province.api.post<ApplicationWindowView>('/api/admin/application-windows', window);
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({ kind: 'transfer_out', kindLabel: '转出申请', periodId: null });

    const applicant = await signedInCandidate(server, world.own.countyId);
    const kinds = await applicant.api.get<{ kinds: ApplicationKindView[] }>('/api/applications/kinds');
    const byKind = Object.fromEntries(kinds.body.kinds.map((k) => [k.kind, k]));
    expect(byKind.exemption).toMatchObject({
      label: '免考申请',
      available: true,
      openNow: true,
      maxAttachments: 3,
      requiredProof: 'certificate',
    });
    // Every kind is handled online now.
    expect(kinds.body.kinds.filter((k) => !k.available)).toEqual([]);
    // Other test files open 转出 windows for today: the clocks here stand past those (they close within a day).
    const before = new Date(Date.now() + 25 * DAY);
    const ahead = (await applicationKinds(server.db, before)).kinds.find((k) => k.kind === 'transfer_out');
    expect(ahead).toMatchObject({ available: true, openNow: false, window: { opensAt: window.opensAt } });
    const inside = (await applicationKinds(server.db, new Date(Date.now() + 31 * DAY))).kinds;
    expect(inside.find((k) => k.kind === 'transfer_out')).toMatchObject({ openNow: true });
    const candidate = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
    const input = { kind: 'transfer_out' as const, noticeAccepted: true as const, form: {}, submit: false };
    await expect(
      createApplication(server.services, candidate, applicant.ticketId, input, before),
    ).rejects.toMatchObject({ code: 'APPLICATION_WINDOW_CLOSED' });

    const removed = await world.province.api.request('DELETE', `/api/admin/application-windows/${created.body.id}`);
    expect(removed.status).toBe(204);
  });

  it('drafts untouched for a month go with their files, once a day', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const stale = await createDraft(applicant.api, 'exemption', {});
    await uploadProof(applicant.api, stale.body.id, pdfBytes());
    const fresh = await createDraft(applicant.api, 'info_change', { name: '钱新' });
    const [file] = await server.db.models.ApplicationAttachment.findAll({ where: { applicationId: stale.body.id } });
    await server.db.sequelize.query('UPDATE candidate_applications SET updated_at = ? WHERE id = ?', {
      replacements: [new Date(Date.now() - (DRAFT_KEPT_DAYS + 1) * DAY), stale.body.id],
    });

    expect(await removeStaleDrafts(server.services)).toBeGreaterThanOrEqual(1);
    expect(await server.db.models.CandidateApplication.findByPk(stale.body.id)).toBeNull();
    expect(await server.db.models.CandidateApplication.findByPk(fresh.body.id)).not.toBeNull();
    expect(await server.services.attachments.list()).not.toContain(file!.storedName);
    expect(await removeStaleDrafts(server.services)).toBe(0);
  });
});
