import { randomInt } from 'node:crypto';
import type { CandidateSummary } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/apiClient';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm } from './support/bookingFlows';
import { insertCandidateWithTicket } from './support/fixtures';
import { signedInOfficial } from './support/adminSession';
import { startTestServer, type TestServer } from './support/testApp';

/** A name no other test uses, so a prefix search finds exactly one candidate. */
const uniqueName = () =>
  `欧阳${Array.from({ length: 3 }, () => String.fromCharCode(0x4e00 + randomInt(0, 0x4000))).join('')}`;

describe('candidate search, detail and password reset for officials', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let booked: Awaited<ReturnType<typeof holdAndConfirm>>;
  let name: string;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2 });
    booked = await holdAndConfirm(server, catalog, 1);
    name = uniqueName();
    await server.db.models.Candidate.update({ name }, { where: { id: booked.candidate.candidateId } });
  });
  afterAll(() => server.close());

  const insider = () => signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
  const outsider = () => signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
  const search = (api: ApiClient, q: string) =>
    api.get<{ items: CandidateSummary[]; total: number; page: number; pageSize: number }>(
      `/api/admin/candidates?q=${encodeURIComponent(q)}`,
    );

  it('finds a candidate by ticket number, full ID number or name prefix, with ID and phone masked', async () => {
    const { api } = await insider();
    const expected = {
      id: booked.candidate.candidateId,
      name,
      idCardMasked: `${booked.candidate.idCardNo.slice(0, 3)}${'*'.repeat(14)}${booked.candidate.idCardNo.slice(-1)}`,
      phoneMasked: `${booked.phone.slice(0, 3)}****${booked.phone.slice(-4)}`,
      ticketNos: [booked.candidate.ticketNo],
      countyName: catalog.counties[0]!.name,
      mustChangePassword: false,
    };
    for (const q of [booked.candidate.ticketNo, booked.candidate.idCardNo, name.slice(0, 4)]) {
      const found = await search(api, q);
      expect(found.status, found.text).toBe(200);
      expect(found.body).toEqual({ items: [expected], total: 1, page: 1, pageSize: 20 });
    }
    expect((await search(api, `${name.slice(0, 4)}%`)).body.total).toBe(0);
    const everything = api.transcript.join('\n');
    expect(everything).not.toContain(booked.candidate.idCardNo);
    expect(everything).not.toContain(booked.phone);
  });

  it('keeps candidates of other districts out of a county office’s search and detail', async () => {
    const { api } = await outsider();
    expect((await search(api, booked.candidate.ticketNo)).body.total).toBe(0);
    const detail = await api.get(`/api/admin/candidates/${booked.candidate.candidateId}`);
    expect(detail.status).toBe(403);
    expect(detail.body).toMatchObject({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
    const reset = await api.post(`/api/admin/candidates/${booked.candidate.candidateId}/reset-password`, {
      reason: '考生来电要求重置',
    });
    expect(reset.status).toBe(403);
    expect((await api.get('/api/admin/candidates/999999999')).status).toBe(404);
  });

  it('shows the candidate’s bookings with item history, payment orders and refunds', async () => {
    const { api } = await insider();
    const detail = await api.get<{
      candidate: CandidateSummary & { gender: string; registeredAt: string };
      bookings: Array<{
        periodId: number;
        state: string;
        amountFen: number;
        items: Array<{ courseCode: string; state: string; history: Array<{ from: string | null; to: string }> }>;
      }>;
      payments: Array<{ outTradeNo: string; state: string; amountFen: number }>;
      refunds: unknown[];
    }>(`/api/admin/candidates/${booked.candidate.candidateId}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.candidate).toMatchObject({ id: booked.candidate.candidateId, name, gender: 'M' });
    expect(Date.parse(detail.body.candidate.registeredAt)).not.toBeNaN();
    expect(detail.body.bookings).toHaveLength(1);
    const [booking] = detail.body.bookings;
    expect(booking).toMatchObject({ periodId: catalog.periodId, state: 'confirmed', amountFen: 3500 });
    expect(booking!.items).toHaveLength(1);
    expect(booking!.items[0]).toMatchObject({ courseCode: catalog.units[0]!.codes[0], state: 'confirmed' });
    expect(booking!.items[0]!.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'held'],
      ['held', 'confirmed'],
    ]);
    expect(detail.body.payments).toEqual([
      expect.objectContaining({ outTradeNo: booked.outTradeNo, state: 'created', amountFen: 3500 }),
    ]);
    expect(detail.body.refunds).toEqual([]);
    expect(detail.text).not.toContain(booked.candidate.idCardNo);
  });

  it('resets the password to the ID tail: sessions end, the change is forced, and it is audited', async () => {
    const { api, id: officialId } = await insider();
    const path = `/api/admin/candidates/${booked.candidate.candidateId}/reset-password`;
    const noReason = await api.post(path, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('请填写原因');

    const reset = await api.post(path, { reason: '考生忘记密码，持身份证到考办办理' });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toEqual({ ok: true });

    const stale = await booked.api.get('/api/accounts/me');
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('TOKEN_EXPIRED');
    const candidate = new ApiClient(server.baseUrl);
    const oldPassword = await candidate.post('/api/accounts/login', {
      account: booked.candidate.ticketNo,
      password: 'Kaowei2027ok',
    });
    expect(oldPassword.status).toBe(401);
    const login = await candidate.post<{ nextStep: string }>('/api/accounts/login', {
      account: booked.candidate.ticketNo,
      password: booked.candidate.idCardNo.slice(-6),
    });
    expect(login.status, login.text).toBe(200);
    expect(login.body.nextStep).toBe('change_password');
    expect((await search(api, booked.candidate.ticketNo)).body.items[0]!.mustChangePassword).toBe(true);

    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'candidate.reset_password', entityId: String(booked.candidate.candidateId) },
    });
    expect(audit).toMatchObject({
      actorType: 'official',
      actorId: officialId,
      reason: '考生忘记密码，持身份证到考办办理',
      after: { initialPassword: true, mustChangePassword: true },
    });
  });

  it('lets the county of registration find a candidate who never booked, and not a neighbouring county', async () => {
    const counter = await insertCandidateWithTicket(server.db, 'forgot the password');
    const home = catalog.counties[0]!;
    await server.db.models.Candidate.update({ countyId: home.countyId }, { where: { id: counter.candidateId } });
    const path = `/api/admin/candidates/${counter.candidateId}`;

    const { api } = await insider();
    for (const q of [counter.ticketNo, counter.idCardNo]) {
      expect((await search(api, q)).body.items).toEqual([
        expect.objectContaining({ id: counter.candidateId, ticketNos: [counter.ticketNo], countyName: home.name }),
      ]);
    }
    const detail = await api.get<{ candidate: CandidateSummary; bookings: unknown[] }>(path);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body).toMatchObject({ candidate: { countyName: home.name }, bookings: [] });
    const reset = await api.post(`${path}/reset-password`, { reason: '考生到考办窗口办理，忘记密码' });
    expect(reset.status, reset.text).toBe(200);
    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    expect((await search(city.api, counter.ticketNo)).body.total).toBe(1);

    const neighbour = (await outsider()).api;
    expect((await search(neighbour, counter.ticketNo)).body.total).toBe(0);
    expect((await search(neighbour, counter.idCardNo)).body.total).toBe(0);
    expect((await neighbour.get(path)).status).toBe(403);
    expect((await neighbour.post(`${path}/reset-password`, { reason: '越权重置' })).status).toBe(403);
  });

  it('lets only the provincial office see a migrated candidate who never booked', async () => {
    const loner = await insertCandidateWithTicket(server.db, 'never booked');
    expect((await (await insider()).api.get(`/api/admin/candidates/${loner.candidateId}`)).status).toBe(403);
    const province = await signedInOfficial(server, 'province');
    const detail = await province.api.get<{ candidate: CandidateSummary; bookings: unknown[] }>(
      `/api/admin/candidates/${loner.candidateId}`,
    );
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.candidate).toMatchObject({ ticketNos: [loner.ticketNo], countyName: null, phoneMasked: null });
    expect(detail.body.bookings).toEqual([]);
    expect((await search(province.api, loner.ticketNo)).body.items.map((c) => c.id)).toEqual([loner.candidateId]);
  });
});
