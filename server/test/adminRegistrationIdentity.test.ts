import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/apiClient';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertCatalog, insertRegistration, type CatalogFixture } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

/**
 * 新生审核: the provincial office and the county the application was made to see the full ID number and
 * birth date on the review screen, each view audited; everyone else is refused, and lists stay masked.
 */
describe('registration review: the full ID number for the reviewer only, audited', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  let other: CatalogFixture;
  let application: { applicationId: number; idCardNo: string };
  let province: OfficialClient;
  let county: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
    other = await insertCatalog(server.db, { capacity: 5 });
    application = await insertRegistration(server.db, { countyId: catalog.countyId, majorId: catalog.majorId });
    province = await signedInOfficial(server, 'province');
    county = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
  });
  afterAll(() => server.close());

  const identityPath = () => `/api/admin/registrations/${application.applicationId}/identity`;
  const views = () =>
    server.db.models.AuditLog.findAll({
      where: { action: 'registration.view_identity', entityId: String(application.applicationId) },
      order: [['id', 'ASC']],
    });

  it('shows the full ID number and birth date to the provincial office and the reviewing county, auditing each view', async () => {
    const { idCardNo } = application;
    const birthDate = `${idCardNo.slice(6, 10)}-${idCardNo.slice(10, 12)}-${idCardNo.slice(12, 14)}`;
    for (const official of [province, county]) {
      const answer = await official.api.get(identityPath());
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toEqual({
        applicationId: application.applicationId,
        documentType: 'resident_id',
        documentTypeName: '居民身份证',
        idCardNo,
        birthDate,
      });
    }
    const { response } = await county.api.bytes(identityPath());
    expect(response.headers.get('cache-control')).toBe('no-store');
    const audited = await views();
    expect(audited.map((a) => [a.actorType, a.actorId, a.countyId])).toEqual([
      ['official', province.id, catalog.countyId],
      ['official', county.id, catalog.countyId],
      ['official', county.id, catalog.countyId],
    ]);
    expect(JSON.stringify(audited.map((a) => a.after))).not.toContain(idCardNo);
  });

  it('refuses the city office, a neighbouring county and another city with 403, writing nothing', async () => {
    const before = (await views()).length;
    const refused = [
      await signedInOfficial(server, 'city', { cityId: catalog.cityId }),
      await signedInOfficial(server, 'county', { countyId: other.countyId }),
      await signedInOfficial(server, 'city', { cityId: other.cityId }),
    ];
    for (const official of refused) {
      const answer = await official.api.get(identityPath());
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(answer.text).not.toContain(application.idCardNo);
    }
    expect((await views()).length).toBe(before);
    expect((await province.api.get('/api/admin/registrations/999999999/identity')).status).toBe(404);
  });

  it('keeps the ID number masked in the review list, the masked detail and, once approved, the candidate lists', async () => {
    // A client of its own, so its transcript holds only these answers.
    const api = new ApiClient(server.baseUrl);
    api.token = county.api.token;
    const masked = `${application.idCardNo.slice(0, 3)}${'*'.repeat(14)}${application.idCardNo.slice(-1)}`;
    const list = await api.get<{ items: Array<{ applicationId: number; idCardNoMasked: string }> }>(
      '/api/admin/registrations',
    );
    expect(list.body.items.find((i) => i.applicationId === application.applicationId)?.idCardNoMasked).toBe(masked);
    expect((await api.get(`/api/admin/registrations/${application.applicationId}`)).body.idCardNoMasked).toBe(masked);
    const approved = await api.post<{ ticketNo: string }>(
      `/api/admin/registrations/${application.applicationId}/approve`,
    );
    expect(approved.status, approved.text).toBe(200);
    const found = await api.get<{ items: Array<{ id: number; idCardMasked: string }> }>(
      `/api/admin/candidates?q=${approved.body.ticketNo}`,
    );
    expect(found.body.items).toEqual([expect.objectContaining({ idCardMasked: masked })]);
    expect((await api.get(`/api/admin/candidates/${found.body.items[0]!.id}`)).status).toBe(200);
    expect(api.transcript.join('\n')).not.toContain(application.idCardNo);
  });

  it('gives the approved candidate the application’s county as county of registration', async () => {
    const candidate = await server.db.models.Candidate.findOne({
      where: { idCardHash: (await server.db.models.Application.findByPk(application.applicationId))!.idCardHash },
      rejectOnEmpty: true,
    });
    expect(candidate.countyId).toBe(catalog.countyId);
  });
});
