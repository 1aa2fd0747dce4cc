import type { AdminAnnouncementView, AnnouncementDetail, AnnouncementSummary, CountyContactView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAnnouncements } from '../../src/modules/announcements/readAnnouncements';
import { ApiClient } from '../support/apiClient';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { readyCandidate } from '../support/bookingFlows';
import { insertCatalog } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const HOUR = 3600_000;

describe('通知公告 and 联系我们 (#17)', () => {
  let server: TestServer;
  /** City X with counties A and B; city Y with county C. */
  let place: { cityX: number; countyA: number; countyB: number; cityY: number; countyC: number };
  let countyA: OfficialClient;
  let countyB: OfficialClient;
  let cityX: OfficialClient;
  let province: OfficialClient;
  let candidateA: ApiClient;
  let candidateB: ApiClient;
  const visitor = () => new ApiClient(server.baseUrl);

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    const x = await insertCatalog(server.db, { capacity: 1 });
    const y = await insertCatalog(server.db, { capacity: 1 });
    const b = await server.db.models.County.create({
      cityId: x.cityId,
      code: String(Number(x.countyCode) + 1),
      name: `${x.countyCode}乙县`,
    });
    place = { cityX: x.cityId, countyA: x.countyId, countyB: b.id, cityY: y.cityId, countyC: y.countyId };
    countyA = await signedInOfficial(server, 'county', { countyId: place.countyA });
    countyB = await signedInOfficial(server, 'county', { countyId: place.countyB });
    cityX = await signedInOfficial(server, 'city', { cityId: place.cityX });
    province = await signedInOfficial(server, 'province');
    const inCounty = async (countyId: number) => {
      const ready = await readyCandidate(server);
      await server.db.models.Candidate.update({ countyId }, { where: { id: ready.candidate.candidateId } });
      return ready.api;
    };
    candidateA = await inCounty(place.countyA);
    candidateB = await inCounty(place.countyB);
  });
  afterAll(() => server.close());

  const post = async (
    office: OfficialClient,
    target: { scope: string; cityId?: number; countyId?: number },
    extra: Record<string, unknown> = {},
  ) =>
    office.api.post<AdminAnnouncementView & { code?: string }>('/api/admin/announcements', {
      title: `公告${Math.random().toString(36).slice(2, 8)}`,
      body: '第一段。\n\n第二段。',
      ...target,
      ...extra,
    });
  const published = async (office: OfficialClient, target: Parameters<typeof post>[1]) => {
    const response = await post(office, target);
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const listIds = async (client: ApiClient, query = '') => {
    const response = await client.get<AnnouncementSummary[]>(`/api/announcements${query}`);
    expect(response.status, response.text).toBe(200);
    return response.body.map((a) => a.id);
  };
  const lastAudit = (action: string, entityId: number) =>
    server.db.models.AuditLog.findOne({ where: { action, entityId: String(entityId) }, order: [['id', 'DESC']] });

  it('lets an office publish only within its scope', async () => {
    // A county office: its own county, nothing else.
    expect((await post(countyA, { scope: 'county', countyId: place.countyB })).status).toBe(403);
    expect((await post(countyA, { scope: 'city', cityId: place.cityX })).status).toBe(403);
    expect((await post(countyA, { scope: 'province' })).status).toBe(403);
    expect((await post(countyA, { scope: 'county', countyId: place.countyA })).status).toBe(200);
    // A city office: its city and its counties, not another city's county nor the province.
    expect((await post(cityX, { scope: 'county', countyId: place.countyC })).status).toBe(403);
    expect((await post(cityX, { scope: 'city', cityId: place.cityY })).status).toBe(403);
    expect((await post(cityX, { scope: 'province' })).status).toBe(403);
    expect((await post(cityX, { scope: 'county', countyId: place.countyB })).status).toBe(200);
    expect((await post(cityX, { scope: 'city', cityId: place.cityX })).status).toBe(200);
    // The province anywhere; bad input is told in Chinese.
    expect((await post(province, { scope: 'county', countyId: place.countyC })).status).toBe(200);
    const missing = await post(province, { scope: 'county' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('请选择县（市、区）');
    const blank = await post(province, { scope: 'province' }, { title: '  ' });
    expect(blank.text).toContain('请填写标题');
    expect((await post(province, { scope: 'county', countyId: 999_999_999 })).status).toBe(404);
  });

  it("shows candidates of county A the province's, their city's and county A's, county A's first, not county B's", async () => {
    const p = await published(province, { scope: 'province' });
    const cityOfA = await published(cityX, { scope: 'city', cityId: place.cityX });
    const otherCity = await published(province, { scope: 'city', cityId: place.cityY });
    const a = await published(countyA, { scope: 'county', countyId: place.countyA });
    const b = await published(countyB, { scope: 'county', countyId: place.countyB });
    const c = await published(province, { scope: 'county', countyId: place.countyC });

    const seenByA = await listIds(candidateA);
    expect(seenByA).toEqual(expect.arrayContaining([p.id, cityOfA.id, a.id]));
    for (const hidden of [b.id, c.id, otherCity.id]) expect(seenByA).not.toContain(hidden);
    const list = (await candidateA.get<AnnouncementSummary[]>('/api/announcements')).body;
    // County A's come first (newest first among them), then the rest newest first.
    const firstOther = list.findIndex((x) => !x.ownCounty);
    expect(list.slice(0, firstOther).every((x) => x.countyId === place.countyA)).toBe(true);
    expect(list.slice(firstOther).every((x) => !x.ownCounty)).toBe(true);
    const rest = list.slice(firstOther).map((x) => x.publishAt);
    expect(rest).toEqual([...rest].sort().reverse());
    expect(list.find((x) => x.id === p.id)?.scopeName).toBe('全省');

    const seenByB = await listIds(candidateB);
    expect(seenByB).toEqual(expect.arrayContaining([p.id, cityOfA.id, b.id]));
    expect(seenByB).not.toContain(a.id);

    // The detail follows the list: county B's announcement is 不存在 for a candidate of county A.
    const detail = await candidateA.get<AnnouncementDetail>(`/api/announcements/${a.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.body).toBe('第一段。\n\n第二段。');
    const foreign = await candidateA.get(`/api/announcements/${b.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toContain('通知公告不存在');

    // No login: the province's; with a chosen county, that county's and its city's too.
    const anonymous = await listIds(visitor());
    expect(anonymous).toContain(p.id);
    for (const hidden of [cityOfA.id, a.id, b.id]) expect(anonymous).not.toContain(hidden);
    const chosen = await listIds(visitor(), `?countyId=${place.countyB}`);
    expect(chosen).toEqual(expect.arrayContaining([p.id, cityOfA.id, b.id]));
    expect(chosen).not.toContain(a.id);
    expect((await visitor().get(`/api/announcements/${p.id}`)).status).toBe(200);
  });

  it('keeps a scheduled announcement invisible until its publish time', async () => {
    const at = new Date(Date.now() + HOUR);
    const scheduled = await post(
      countyA,
      { scope: 'county', countyId: place.countyA },
      { publishAt: at.toISOString() },
    );
    expect(scheduled.status, scheduled.text).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(await listIds(candidateA)).not.toContain(scheduled.body.id);
    expect((await candidateA.get(`/api/announcements/${scheduled.body.id}`)).status).toBe(404);

    // On the clock's other side of the publish time it is there.
    const reader = { countyId: place.countyA };
    const before = await listAnnouncements(server.db, reader, new Date(at.getTime() - 1000));
    const after = await listAnnouncements(server.db, reader, new Date(at.getTime() + 1000));
    expect(before.map((x) => x.id)).not.toContain(scheduled.body.id);
    expect(after.map((x) => x.id)).toContain(scheduled.body.id);
    expect(after[0]!.id).toBe(scheduled.body.id);

    // Moved to now by an edit, it shows at once.
    const edited = await countyA.api.put<AdminAnnouncementView>(`/api/admin/announcements/${scheduled.body.id}`, {
      title: '考点变更通知',
      body: '考点调整如下。',
      publishAt: null,
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.status).toBe('published');
    expect(await listIds(candidateA)).toContain(scheduled.body.id);
    const audit = await lastAudit('announcement.edit', scheduled.body.id);
    expect(audit?.actorId).toBe(countyA.id);
    expect(audit?.before).toMatchObject({ body: '第一段。\n\n第二段。', publishAt: at.toISOString() });
    expect(audit?.after).toMatchObject({ title: '考点变更通知', body: '考点调整如下。' });
  });

  it('hides a withdrawn announcement from candidates; only its own scope may withdraw it; all audited', async () => {
    const a = await published(countyA, { scope: 'county', countyId: place.countyA });
    const created = await lastAudit('announcement.create', a.id);
    expect(created?.actorId).toBe(countyA.id);
    expect(created?.countyId).toBe(place.countyA);
    expect(created?.after).toMatchObject({ scope: 'county', countyId: place.countyA, title: a.title });

    expect((await countyB.api.post(`/api/admin/announcements/${a.id}/withdraw`)).status).toBe(403);
    expect(
      (await countyB.api.get<AdminAnnouncementView[]>('/api/admin/announcements')).body.map((x) => x.id),
    ).not.toContain(a.id);
    expect(await listIds(candidateA)).toContain(a.id);

    const withdrawn = await cityX.api.post<AdminAnnouncementView>(`/api/admin/announcements/${a.id}/withdraw`);
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await listIds(candidateA)).not.toContain(a.id);
    expect((await candidateA.get(`/api/announcements/${a.id}`)).status).toBe(404);
    expect((await lastAudit('announcement.withdraw', a.id))?.actorId).toBe(cityX.id);

    // Still listed for the office, marked 已撤回; no longer editable.
    const mine = (await countyA.api.get<AdminAnnouncementView[]>('/api/admin/announcements')).body;
    expect(mine.find((x) => x.id === a.id)?.status).toBe('withdrawn');
    const late = await countyA.api.put(`/api/admin/announcements/${a.id}`, { title: '再改', body: '再改' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('已撤回');
  });

  it("keeps each county office's contacts; candidates see their county's first", async () => {
    const contact = {
      officeName: '甲县自考办',
      address: '甲县人民路1号',
      hotline: '028-12345678',
      hours: '工作日 9:00—17:00',
    };
    expect((await countyA.api.put(`/api/admin/contacts/${place.countyB}`, contact)).status).toBe(403);
    const set = await countyA.api.put<CountyContactView>(`/api/admin/contacts/${place.countyA}`, contact);
    expect(set.status, set.text).toBe(200);
    expect(set.body.contact).toEqual(contact);
    const audit = await lastAudit('county_contact.set', place.countyA);
    expect(audit?.before).toBeNull();
    expect(audit?.after).toEqual(contact);

    const other = { ...contact, officeName: '乙县自考办', address: '乙县人民路2号' };
    expect((await cityX.api.put(`/api/admin/contacts/${place.countyB}`, other)).status).toBe(200);
    const changed = { ...contact, hotline: '028-87654321' };
    expect((await countyA.api.put(`/api/admin/contacts/${place.countyA}`, changed)).status).toBe(200);
    expect((await lastAudit('county_contact.set', place.countyA))?.before).toEqual(contact);

    const ofA = (await candidateA.get<CountyContactView[]>('/api/contacts')).body;
    expect(ofA[0]).toMatchObject({ countyId: place.countyA, ownCounty: true, contact: changed });
    expect(ofA.map((x) => x.countyId)).toContain(place.countyB);
    const ofB = (await candidateB.get<CountyContactView[]>('/api/contacts')).body;
    expect(ofB[0]).toMatchObject({ countyId: place.countyB, contact: other });
    expect((await visitor().get<CountyContactView[]>('/api/contacts')).body.some((x) => x.ownCounty)).toBe(false);

    // The admin lists the counties in scope, set or not.
    const inCity = (await cityX.api.get<CountyContactView[]>('/api/admin/contacts')).body.map((x) => x.countyId);
    expect(inCity.sort()).toEqual([place.countyA, place.countyB].sort());
    const bad = await countyA.api.put(`/api/admin/contacts/${place.countyA}`, { ...contact, hotline: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('请填写咨询电话');
  });
});
