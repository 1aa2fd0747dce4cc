import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MyTicketsView, TicketVerifyView } from '@kaowei/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { beijingDateString } from '../../src/lib/beijingTime';
import { myTickets } from '../../src/modules/admission/ticket/myTickets';
import { pruneTicketPdfs } from '../../src/modules/admission/ticket/pruneTicketPdfs';
import { ticketPdf } from '../../src/modules/admission/ticket/ticketPdf';
import { TicketPdfCache } from '../../src/modules/admission/ticket/ticketPdfCache';
import { solvedCaptcha, uploadPhoto } from '../support/accountFlows';
import { ApiClient, randomPhone } from '../support/apiClient';
import { signedInOfficial } from '../support/adminSession';
import { insertBookingItem, seatItem } from '../support/admission';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const HOUR = 3600_000;

/** Text of a PDF as poppler extracts it: Chinese comes out only through the embedded font's mapping. */
function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `ticket-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('admission ticket PDF (准考证)', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let me: Awaited<ReturnType<typeof paidCandidate>>;
  let api: ApiClient;
  let courses: Array<{ id: number; code: string; name: string }>;

  async function paidCandidate(name: string, countyIndex: number, states: Array<'paid' | 'refunded' | 'held'>) {
    const m = server.db.models;
    const account = await insertCandidateWithTicket(server.db, name, {
      phone: randomPhone(),
      password: 'Pass2027word',
    });
    await m.Candidate.update({ name }, { where: { id: account.candidateId } });
    const countyId = catalog.counties[countyIndex]!.countyId;
    const items = [];
    for (const [u, state] of states.entries()) {
      const course = courses.find((c) => c.code === catalog.units[u]!.codes[0])!;
      const paid = {
        candidateId: account.candidateId,
        ticketId: account.ticketId,
        periodId: catalog.periodId,
        countyId,
        unitId: catalog.units[u]!.unitId,
        courseId: course.id,
      };
      items.push(await insertBookingItem(server.db, paid, state));
    }
    const client = new ApiClient(server.baseUrl);
    client.token = server.services.tokens.sign('candidate-access', {
      sub: String(account.candidateId),
      ver: 0,
      tk: account.ticketId,
    });
    return { ...account, name, countyId, items, client };
  }

  async function setPrintWindow(opensAt: Date | null, closesAt: Date | null) {
    await server.db.models.ExamPeriod.update(
      { printOpensAt: opensAt, printClosesAt: closesAt },
      { where: { id: catalog.periodId } },
    );
    server.db.catalog.invalidate();
  }

  const ticketFiles = () =>
    fs.readdirSync(path.join(server.config.dataDir, 'tickets')).filter((f) => f.endsWith('.pdf'));

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 3, coursesPerUnit: 2, counties: 2 });
    const codes = catalog.units.flatMap((u) => u.codes);
    courses = (await server.db.models.Course.findAll({ where: { code: codes } })).map((c) => c.get({ plain: true }));
    // Unit 1 is today (Beijing), for the check at the door.
    await server.db.models.ExamUnit.update(
      { examDate: beijingDateString(new Date()) },
      { where: { id: catalog.units[0]!.unitId } },
    );
    me = await paidCandidate('欧阳明华', 0, ['paid', 'paid', 'refunded']);
    api = me.client;
    await seatItem(server.db, me.items[0]!, {
      venueName: '锦城第七中学考点',
      address: '林荫中街1号',
      roomNo: 12,
      seatNo: 7,
    });
    server.db.catalog.invalidate();
  });
  afterAll(() => server.close());
  beforeEach(() => setPrintWindow(new Date(Date.now() - HOUR), new Date(Date.now() + 24 * HOUR)));

  const course = (u: number) => courses.find((c) => c.code === catalog.units[u]!.codes[0])!;

  it('prints name, document, ticket, every paid course with venue, room and seat, in Chinese with an embedded font', async () => {
    const { response, bytes } = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.length).toBeLessThan(300 * 1024);
    const text = pdfText(bytes);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('高等教育自学考试准考证');
    expect(flat).toContain('欧阳明华');
    expect(flat).toContain(me.idCardNo);
    expect(flat).toContain(me.ticketNo);
    for (const u of [0, 1]) {
      expect(flat).toContain(course(u).code);
      expect(flat).toContain(course(u).name.replace(/\s+/g, ''));
    }
    expect(flat).toContain('锦城第七中学考点');
    expect(flat).toContain('林荫中街1号');
    expect(flat).toContain('第12考场');
    expect(flat).toContain('07号');
    // Unit 2's course is paid but not yet placed by the assignment.
    expect(flat).toContain('待编排');
    expect(flat).toContain('考场规则');
    expect(flat).toContain('照片');
    // The refunded course of unit 3 is not on the ticket.
    expect(flat).not.toContain(course(2).code);

    const file = path.join(os.tmpdir(), `ticket-render-${process.pid}.pdf`);
    fs.writeFileSync(file, bytes);
    // The font travels inside the PDF (a subset), so no system font is needed to show it.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+WenQuanYiMicroHei\s+.*\byes\s+yes\b/);
    const png = path.join(os.tmpdir(), `ticket-render-${process.pid}`);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, png]);
    const image = fs.readFileSync(`${png}.png`);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(5000);
    fs.rmSync(file);
    fs.rmSync(`${png}.png`);
  });

  it('lists the period with its exams and the window; a refunded course is gone', async () => {
    const response = await api.get<MyTicketsView>('/api/admission/tickets');
    expect(response.status).toBe(200);
    const period = response.body.periods.find((p) => p.periodId === catalog.periodId)!;
    expect(period.printable).toBe(true);
    expect(period.exams.map((e) => e.courseCode)).toEqual([course(0).code, course(1).code]);
    expect(period.exams[0]!.seat).toMatchObject({ venueName: '锦城第七中学考点', roomNo: 12, seatNo: 7 });
    expect(period.exams[1]!.seat).toBeNull();
  });

  it('serves a cached ticket again without regenerating it, and a moved seat as a new ticket', async () => {
    const first = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    const files = ticketFiles();
    const file = path.join(server.config.dataDir, 'tickets', files[0]!);
    const mtime = fs.statSync(file).mtimeMs;
    const again = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(ticketFiles()).toEqual(files);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);

    await server.db.models.SeatAssignment.update({ seatNo: 23 }, { where: { bookingItemId: me.items[0]!.id } });
    const moved = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    const text = pdfText(moved.bytes).replace(/\s+/g, '');
    expect(text).toContain('23号');
    expect(text).not.toContain('07号');
    expect(ticketFiles()).toHaveLength(files.length + 1);
    await server.db.models.SeatAssignment.update({ seatNo: 7 }, { where: { bookingItemId: me.items[0]!.id } });
  });

  it("prints the period's own 考场规则 when the office has set them", async () => {
    const rules = '一、本考次考生须于开考前30分钟到达考点，接受安全检查。';
    await server.db.models.ExamPeriod.update({ examRules: rules }, { where: { id: catalog.periodId } });
    server.db.catalog.invalidate();
    const { bytes } = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    const text = pdfText(bytes).replace(/\s+/g, '');
    expect(text).toContain('本考次考生须于开考前30分钟到达考点，接受安全检查。');
    expect(text).not.toContain('开考15分钟后不得入场');
    await server.db.models.ExamPeriod.update({ examRules: null }, { where: { id: catalog.periodId } });
  });

  it('prints only inside the window, telling its times outside it', async () => {
    await setPrintWindow(new Date(Date.now() + 2 * 24 * HOUR), new Date(Date.now() + 5 * 24 * HOUR));
    const early = await api.get(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 'TICKET_PRINT_CLOSED' });
    expect(String(early.body.message)).toMatch(/当前不在准考证打印时间内（打印时间：\d{4}年\d+月\d+日 \d\d:\d\d 至 /);
    const list = await api.get<MyTicketsView>('/api/admission/tickets');
    const period = list.body.periods.find((p) => p.periodId === catalog.periodId)!;
    expect(period).toMatchObject({ printable: false, block: 'not_open' });
    expect(period.reason).toMatch(/尚未开始/);
    expect(period.exams).toHaveLength(2);

    await setPrintWindow(new Date(Date.now() - 5 * 24 * HOUR), new Date(Date.now() - HOUR));
    expect((await api.get(`/api/admission/tickets/${catalog.periodId}/pdf`)).body).toMatchObject({
      code: 'TICKET_PRINT_CLOSED',
    });
    const after = (await api.get<MyTicketsView>('/api/admission/tickets')).body.periods.find(
      (p) => p.periodId === catalog.periodId,
    )!;
    expect(after).toMatchObject({ printable: false, block: 'closed' });
    expect(after.reason).toMatch(/^准考证打印已于 \d{4}年\d+月\d+日 \d\d:\d\d 结束$/);
    await setPrintWindow(null, null);
    expect((await api.get(`/api/admission/tickets/${catalog.periodId}/pdf`)).body).toMatchObject({
      code: 'TICKET_PRINT_NOT_SCHEDULED',
    });
  });

  it("refuses another candidate's ticket and an unknown period with 404", async () => {
    const onlyHeld = await paidCandidate('未缴费考生', 0, ['held']);
    const response = await onlyHeld.client.get(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(response.status).toBe(404);
    expect((await api.get('/api/admission/tickets/999999999/pdf')).status).toBe(404);
    const list = await onlyHeld.client.get<MyTicketsView>('/api/admission/tickets');
    expect(list.body.periods.find((p) => p.periodId === catalog.periodId)).toMatchObject({
      printable: false,
      block: 'no_paid_course',
      exams: [],
    });
  });

  it("turns the QR token into name and today's seat for an official of the county only", async () => {
    const token = server.services.tokens.sign('ticket-verify', { sub: `${me.candidateId}:${catalog.periodId}` });
    const query = `/api/admin/admission/verify?token=${encodeURIComponent(token)}`;
    const office = await signedInOfficial(server, 'county', { countyId: me.countyId });
    const answer = await office.api.get<TicketVerifyView>(query);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ name: '欧阳明华', ticketNo: me.ticketNo, photoUrl: null });
    expect(answer.body.seats).toEqual([
      expect.objectContaining({
        courseCode: course(0).code,
        seat: { venueName: '锦城第七中学考点', venueAddress: '林荫中街1号', roomNo: 12, seatNo: 7 },
      }),
    ]);
    expect(answer.text).not.toContain(me.idCardNo);

    const neighbour = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
    expect((await neighbour.api.get(query)).status).toBe(403);
    expect((await api.get(query)).status).toBe(401);
    const forged = await office.api.get(
      `/api/admin/admission/verify?token=${encodeURIComponent(token.slice(0, -3))}abc`,
    );
    expect(forged.body).toMatchObject({ code: 'TICKET_TOKEN_INVALID' });
    const wrongKind = api.token!;
    expect(
      (await office.api.get(`/api/admin/admission/verify?token=${encodeURIComponent(wrongKind)}`)).body,
    ).toMatchObject({ code: 'TICKET_TOKEN_INVALID' });
  });

  it('reissues a ticket (补发): audited, the old QR no longer verifies, the next download is a new PDF', async () => {
    const printed = server.services.tokens.sign('ticket-verify', {
      sub: `${me.candidateId}:${catalog.periodId}`,
      ver: 0,
    });
    const verify = (token: string) => `/api/admin/admission/verify?token=${encodeURIComponent(token)}`;
    const office = await signedInOfficial(server, 'county', { countyId: me.countyId });
    expect((await office.api.get(verify(printed))).status).toBe(200);
    const before = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    const filesBefore = ticketFiles();

    const reissue = `/api/admin/candidates/${me.candidateId}/admission-tickets/${catalog.periodId}/reissue`;
    const neighbour = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
    expect((await neighbour.api.post(reissue, { reason: '考生准考证遗失，申请补发' })).status).toBe(403);
    expect((await office.api.post(reissue, {})).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const done = await office.api.post(reissue, { reason: '考生准考证遗失，申请补发' });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ periodId: catalog.periodId, version: 1 });
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'ticket.reissue', entityId: String(me.candidateId) },
    });
    expect(audit?.reason).toBe('考生准考证遗失，申请补发');

    const superseded = await office.api.get(verify(printed));
    expect(superseded.status).toBe(410);
    expect(superseded.body).toMatchObject({
      code: 'TICKET_SUPERSEDED',
      message: '该准考证已作废，请使用补发的准考证',
    });
    const reissued = server.services.tokens.sign('ticket-verify', {
      sub: `${me.candidateId}:${catalog.periodId}`,
      ver: 1,
    });
    expect((await office.api.get(verify(reissued))).body).toMatchObject({ name: '欧阳明华' });

    const after = await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(after.response.status).toBe(200);
    expect(after.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));
    expect(pdfText(after.bytes).replace(/\s+/g, '')).toContain('高等教育自学考试准考证（补发）');
    expect(ticketFiles()).toHaveLength(filesBefore.length + 1);
    const list = await api.get<MyTicketsView>('/api/admission/tickets');
    expect(list.body.periods.find((p) => p.periodId === catalog.periodId)!.reissuedAt).toBe(done.body.reissuedAt);
    const officeView = await office.api.get(`/api/admin/candidates/${me.candidateId}/admission-tickets`);
    expect(officeView.body).toMatchObject({
      periods: [{ periodId: catalog.periodId, paidCount: 2, version: 1, reissuedAt: done.body.reissuedAt }],
    });
  });

  it('prints a camera-size photo downscaled at upload, so the ticket stays under 300 KB', async () => {
    // 3000×4000 with detail (random 20-pixel blocks): about 1.5 MB as uploaded.
    const camera = await sharp(randomBytes(150 * 200 * 3), { raw: { width: 150, height: 200, channels: 3 } })
      .resize(3000, 4000, { kernel: 'nearest' })
      .jpeg({ quality: 85 })
      .toBuffer();
    expect(camera.length).toBeGreaterThan(1024 * 1024);
    const visitor = new ApiClient(server.baseUrl);
    const uploaded = await uploadPhoto(visitor, camera, await solvedCaptcha(visitor, server.simulator), 'camera.jpg');
    expect(uploaded.status, uploaded.text).toBe(200);
    const stored = fs.readFileSync(path.join(server.config.dataDir, 'uploads', 'photos', uploaded.body.photoId));
    const size = await sharp(stored).metadata();
    expect(size).toMatchObject({ format: 'jpeg', width: 331, height: 441 });

    const withPhoto = await paidCandidate('司马光华', 0, ['paid']);
    await server.db.models.Candidate.update(
      { photoPath: uploaded.body.photoId },
      { where: { id: withPhoto.candidateId } },
    );
    const { response, bytes } = await withPhoto.client.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`);
    expect(response.status).toBe(200);
    expect(bytes.length).toBeLessThan(300 * 1024);
    expect(pdfText(bytes).replace(/\s+/g, '')).not.toContain('照片');
  });

  it('prunes cached tickets nobody downloaded for two weeks, keeping those served lately', async () => {
    const dir = path.join(server.config.dataDir, 'tickets');
    const pdf = `/api/admission/tickets/${catalog.periodId}/pdf`;
    const hashOf = (r: Response) => r.headers.get('etag')!.replaceAll('"', '');
    const current = path.join(dir, `${hashOf((await api.bytes(pdf)).response)}.pdf`);
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * HOUR);
    // A superseded ticket (an older seat, a reissue) nobody asks for, and the current one printed long ago.
    const superseded = path.join(dir, `${'a'.repeat(64)}.pdf`);
    fs.writeFileSync(superseded, 'old ticket');
    fs.utimesSync(superseded, daysAgo(20), daysAgo(20));
    fs.utimesSync(current, daysAgo(20), daysAgo(20));
    const served = await api.bytes(pdf); // downloaded again today: in use
    expect(served.response.status).toBe(200);

    expect(await pruneTicketPdfs(server.services, now)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(superseded)).toBe(false);
    expect(fs.existsSync(current)).toBe(true);
    // Once a day across instances.
    fs.writeFileSync(superseded, 'old ticket');
    fs.utimesSync(superseded, daysAgo(20), daysAgo(20));
    expect(await pruneTicketPdfs(server.services, now)).toBe(0);
    expect(fs.existsSync(superseded)).toBe(true);

    // Two weeks and a day later, nobody having downloaded it, it goes too; a download makes it again.
    const later = new Date(now.getTime() + 15 * 24 * HOUR);
    expect(await pruneTicketPdfs(server.services, later)).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(current)).toBe(false);
    const again = await api.bytes(pdf);
    expect(again.response.status).toBe(200);
    expect(hashOf(again.response)).toBe(hashOf(served.response));
    expect(fs.existsSync(current)).toBe(true);
  });

  it('opens printing exactly at the window (an injected clock at both edges)', async () => {
    const opensAt = new Date('2027-04-03T01:00:00Z');
    const closesAt = new Date('2027-04-11T06:45:00Z');
    await setPrintWindow(opensAt, closesAt);
    const candidate = (await server.db.models.Candidate.findByPk(me.candidateId))!;
    const cache = new TicketPdfCache(server.config.dataDir);
    const at = async (now: Date) => {
      const list = await myTickets(server.services, candidate, now);
      const period = list.periods.find((p) => p.periodId === catalog.periodId)!;
      const pdf = await ticketPdf(server.services, cache, candidate, catalog.periodId, now).then(
        () => 'printed',
        (error: { code?: string }) => error.code,
      );
      return [period.block ?? 'printable', pdf];
    };
    expect(await at(new Date(opensAt.getTime() - 1))).toEqual(['not_open', 'TICKET_PRINT_CLOSED']);
    expect(await at(opensAt)).toEqual(['printable', 'printed']);
    expect(await at(new Date(closesAt.getTime() - 1))).toEqual(['printable', 'printed']);
    expect(await at(closesAt)).toEqual(['closed', 'TICKET_PRINT_CLOSED']);
  });

  it("shows a seat moved by the office (调整座位) on the candidate's ticket", async () => {
    const seat = (await server.db.models.SeatAssignment.findOne({ where: { bookingItemId: me.items[0]!.id } }))!;
    const office = await signedInOfficial(server, 'county', { countyId: me.countyId });
    const moved = await office.api.post(`/api/admin/assignment/seats/${seat.id}/move`, {
      roomId: seat.roomId,
      seatNo: 29,
      reason: '考生行动不便，调至前门座位',
    });
    expect(moved.status, moved.text).toBe(200);
    const list = await api.get<MyTicketsView>('/api/admission/tickets');
    expect(list.body.periods.find((p) => p.periodId === catalog.periodId)!.exams[0]!.seat).toMatchObject({
      roomNo: 12,
      seatNo: 29,
    });
    const text = pdfText((await api.bytes(`/api/admission/tickets/${catalog.periodId}/pdf`)).bytes).replace(/\s+/g, '');
    expect(text).toContain('29号');
    expect(text).not.toContain('07号');
  });
});
