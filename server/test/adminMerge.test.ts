import { randomInt } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_TABLES } from '../src/modules/admin/candidates/mergeRepository';
import { login, solvedCaptcha } from './support/accountFlows';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { ApiClient, randomPhone } from './support/apiClient';
import { insertCandidateWithTicket, insertCatalog, insertRegistration, type CatalogFixture } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

const TABLES = [...Object.keys(CANDIDATE_TABLES), 'passed_courses'];

describe('合档 (merging two records of one person)', () => {
  let server: TestServer;
  let a: CatalogFixture;
  let b: CatalogFixture;
  let province: OfficialClient;
  let city: OfficialClient;
  let county: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer();
    a = await insertCatalog(server.db, { capacity: 5 });
    b = await insertCatalog(server.db, { capacity: 5 });
    province = await signedInOfficial(server, 'province');
    city = await signedInOfficial(server, 'city', { cityId: a.cityId });
    county = await signedInOfficial(server, 'county', { countyId: a.countyId });
  });
  afterAll(() => server.close());

  const insert = async (sql: string, values: unknown[]) =>
    (await server.db.sequelize.query(sql, { replacements: values, type: QueryTypes.INSERT }))[0] as number;

  /** One record of every kind under the candidate, in the catalog's period. */
  async function giveEverything(
    person: { candidateId: number; ticketId: number; idCardNo: string },
    c: CatalogFixture,
  ) {
    const now = new Date();
    const booking = await insert(
      'INSERT INTO bookings (candidate_id, period_id, county_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      [person.candidateId, c.periodId, c.countyId, now, now],
    );
    const order = await insert(
      // Paid for real (a transaction id, the period's fee): the run's other suites check every order's money.
      `INSERT INTO payment_orders (out_trade_no, booking_id, candidate_id, period_id, amount_fen, state, transaction_id,
         paid_at, created_at, updated_at)
       SELECT ?, ?, ?, id, fee_per_course_fen, 'paid', ?, ?, ?, ? FROM exam_periods WHERE id = ?`,
      [
        `KW${randomInt(1e9, 1e10)}${randomInt(1e6, 1e7)}`,
        booking,
        person.candidateId,
        `42${randomInt(1e9, 1e10)}${randomInt(1e9, 1e10)}`,
        now,
        now,
        now,
        c.periodId,
      ],
    );
    const item = await insert(
      `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id, state,
         active, payment_order_id, held_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'paid', 1, ?, ?, ?, ?)`,
      [
        booking,
        person.candidateId,
        person.ticketId,
        c.periodId,
        c.countyId,
        c.unitId,
        c.courseIds[0],
        order,
        now,
        now,
        now,
      ],
    );
    const venue = await insert(
      'INSERT INTO exam_venues (county_id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      [c.countyId, `合档考点${item}`, '学府路1号', now, now],
    );
    const room = await insert(
      'INSERT INTO exam_rooms (venue_id, room_no, seats, created_at, updated_at) VALUES (?, 1, 30, ?, ?)',
      [venue, now, now],
    );
    await insert(
      `INSERT INTO seat_assignments (booking_item_id, period_id, county_id, unit_id, candidate_id, course_id, venue_id,
         room_id, seat_no, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      [item, c.periodId, c.countyId, c.unitId, person.candidateId, c.courseIds[0], venue, room, now, now],
    );
    await insert(
      `INSERT INTO waitlist_entries (candidate_id, period_id, county_id, unit_id, course_id, state, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'waiting', 1, ?, ?)`,
      [person.candidateId, c.periodId, c.countyId, c.unitId, c.courseIds[1], now, now],
    );
    await insert(
      `INSERT INTO scores (candidate_id, ticket_id, period_id, course_id, score, passed, created_at, updated_at)
       VALUES (?, ?, ?, ?, 75, 1, ?, ?)`,
      [person.candidateId, person.ticketId, c.periodId, c.courseIds[0], now, now],
    );
    await insert(
      `INSERT INTO certificates (certificate_no, candidate_id, ticket_id, major_id, issued_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, '2026-06-30', ?, ?)`,
      [`ZS${randomInt(1e12)}`, person.candidateId, person.ticketId, c.majorId, now, now],
    );
    const official = (await server.db.models.Official.findOne({ order: [['id', 'ASC']] }))!;
    await insert(
      `INSERT INTO ticket_reissues (candidate_id, period_id, version, reason, official_id, reissued_at)
       VALUES (?, ?, 1, '照片更换', ?, ?)`,
      [person.candidateId, c.periodId, official.id, now],
    );
    await insert(
      `INSERT INTO candidate_applications (kind, state, active, candidate_id, ticket_id, county_id, review_level, form,
         notice_accepted_at, created_at, updated_at) VALUES ('exemption', 'draft', 1, ?, ?, ?, 'county', '{}', ?, ?, ?)`,
      [person.candidateId, person.ticketId, c.countyId, now, now, now],
    );
    await insert(
      `INSERT INTO outbox_messages (candidate_id, event, dedupe_key, data, state, attempts, next_attempt_at,
         created_at, updated_at) VALUES (?, 'notice', ?, '{}', 'sent', 1, ?, ?, ?)`,
      [person.candidateId, `merge-test:${person.candidateId}`, now, now, now],
    );
    for (const courseId of c.courseIds) {
      await insert(
        `INSERT INTO passed_courses (ticket_id, course_id, period_code, score, grade, passed_by, created_at, updated_at)
         VALUES (?, ?, '201904', 66, NULL, 'exam', ?, ?)`,
        [person.ticketId, courseId, now, now],
      );
    }
    // A registration of theirs (approved earlier): moves with them.
    const { applicationId } = await insertRegistration(server.db, { countyId: c.countyId, majorId: c.majorId });
    await server.db.models.Application.update(
      { state: 'approved', candidateId: person.candidateId },
      { where: { id: applicationId } },
    );
  }

  /** Rows per table held by the candidates (passed courses through their tickets). */
  async function holdings(candidateIds: number[]) {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const sql =
        table === 'passed_courses'
          ? 'SELECT COUNT(*) AS n FROM passed_courses pc JOIN tickets t ON t.id = pc.ticket_id WHERE t.candidate_id IN (?)'
          : `SELECT COUNT(*) AS n FROM ${table} WHERE candidate_id IN (?)`;
      const [row] = await server.db.sequelize.query<{ n: number }>(sql, {
        replacements: [candidateIds],
        type: QueryTypes.SELECT,
      });
      counts[table] = Number(row!.n);
    }
    return counts;
  }

  it('knows every table that holds a candidate_id', async () => {
    const rows = await server.db.sequelize.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.columns
        WHERE table_schema = DATABASE() AND column_name = 'candidate_id' ORDER BY table_name`,
      { type: QueryTypes.SELECT },
    );
    expect(rows.map((r) => r.t).sort()).toEqual(Object.keys(CANDIDATE_TABLES).sort());
  });

  it('moves every record to the kept one in one go, closes the other, and audits what moved', async () => {
    const phone = randomPhone();
    const keep = await insertCandidateWithTicket(server.db, 'merge-keep', { password: 'Keep2027pass' });
    const other = await insertCandidateWithTicket(server.db, 'merge-other', { phone });
    await server.db.models.Candidate.update(
      { wechatOpenid: `o-merge-${randomInt(1e9)}` },
      { where: { id: other.candidateId } },
    );
    await giveEverything(keep, a);
    await giveEverything(other, b);
    const otherSession = await login(new ApiClient(server.baseUrl), other.ticketNo, other.idCardNo.slice(-6));
    const before = await holdings([keep.candidateId, other.candidateId]);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);

    const preview = await province.api.get<{
      moves: Record<string, number[]>;
      problems: string[];
      notes: string[];
      other: { id: number };
    }>(`/api/admin/candidates/${keep.candidateId}/merge-preview?documentNo=${other.idCardNo}`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.other.id).toBe(other.candidateId);
    expect(preview.body.problems).toEqual([]);
    // Both hold an active ticket of the same major (the fixture's): said, not refused.
    expect(preview.body.notes).toEqual([expect.stringContaining('专业的有效准考证，合档后可将其中一张变更为已注销')]);
    expect(preview.body.moves.tickets).toEqual([other.ticketId]);
    expect(preview.body.moves.passedCourses).toHaveLength(2);
    expect(preview.text).not.toContain(other.idCardNo);

    const merged = await province.api.post<{ moved: Record<string, number[]>; phone: string; wechat: string }>(
      `/api/admin/candidates/${keep.candidateId}/merge`,
      { otherId: other.candidateId, reason: '同一考生两份档案（证件号码录入错误）' },
    );
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body).toMatchObject({ moved: preview.body.moves, phone: 'moved', wechat: 'moved' });

    // Nothing lost: the same rows, all under the kept record now.
    expect(await holdings([keep.candidateId])).toEqual(before);
    expect(Object.values(await holdings([other.candidateId])).every((n) => n === 0)).toBe(true);
    const closed = await server.db.models.Candidate.findByPk(other.candidateId);
    expect(closed).toMatchObject({ mergedIntoId: keep.candidateId, phone: null, wechatOpenid: null });
    expect(await server.db.models.Candidate.findByPk(keep.candidateId)).toMatchObject({ phone });

    const [audit] = await server.db.models.AuditLog.findAll({
      where: { action: 'candidate.merge', entityId: String(keep.candidateId) },
    });
    expect(audit).toMatchObject({ reason: '同一考生两份档案（证件号码录入错误）', actorId: province.id });
    expect((audit!.after as { moved: unknown }).moved).toEqual(preview.body.moves);

    // The closed record cannot log in: its session ends, its initial password no longer opens anything.
    const api = new ApiClient(server.baseUrl);
    expect((await api.get('/api/accounts/me', otherSession.accessToken)).body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    const oldPassword = await api.post('/api/accounts/login', {
      account: other.idCardNo,
      password: other.idCardNo.slice(-6),
    });
    expect(oldPassword.body).toMatchObject({ code: 'LOGIN_FAILED' });
    // Its numbers lead to the kept record: its old ticket and document number, with the kept password.
    const viaOldTicket = await login(api, other.ticketNo, 'Keep2027pass');
    expect(viaOldTicket.candidate).toMatchObject({ ticket: { ticketNo: other.ticketNo } });
    const lookup = await api.post<{ tickets: Array<{ ticketNo: string }> }>('/api/accounts/ticket-lookup', {
      idCardNo: other.idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(lookup.body.tickets.map((t) => t.ticketNo).sort()).toEqual([keep.ticketNo, other.ticketNo].sort());

    // The detail page shows every ticket, every booking and every passed course of both, and the link.
    interface Detail {
      tickets: Array<{ ticketNo: string }>;
      bookings: Array<{ id: number }>;
      records: {
        mergedIntoId: number | null;
        mergedFrom: Array<{ id: number }>;
        passedCourses: Array<{ ticketNo: string; periodCode: string; score: number; passedByLabel: string }>;
        bookingsElsewhere: number;
      };
    }
    const detail = await province.api.get<Detail>(`/api/admin/candidates/${keep.candidateId}`);
    expect(detail.body.tickets.map((t) => t.ticketNo).sort()).toEqual([keep.ticketNo, other.ticketNo].sort());
    expect(detail.body.bookings).toHaveLength(2);
    expect(detail.body.records.passedCourses).toHaveLength(4);
    expect(detail.body.records.passedCourses[0]).toMatchObject({
      periodCode: '201904',
      score: 66,
      passedByLabel: '考试',
    });
    expect(detail.body.records.mergedFrom.map((m) => m.id)).toEqual([other.candidateId]);
    expect(detail.body.records.bookingsElsewhere).toBe(0);
    const closedDetail = await province.api.get<Detail>(`/api/admin/candidates/${other.candidateId}`);
    expect(closedDetail.body.records.mergedIntoId).toBe(keep.candidateId);
    // A county office sees its own county's booking and is told of the other one, not shown it.
    const countyView = await county.api.get<Detail>(`/api/admin/candidates/${keep.candidateId}`);
    expect(countyView.body.bookings).toHaveLength(1);
    expect(countyView.body.records.bookingsElsewhere).toBe(1);
    expect(countyView.body.records.passedCourses).toHaveLength(4);

    // Something that reached the closed record afterwards (a request in flight) is swept by merging again.
    const late = await server.db.models.Ticket.create({
      ticketNo: `59${String(Date.now()).slice(-10)}`,
      candidateId: other.candidateId,
      majorId: a.majorId,
    });
    const again = await province.api.post<{ moved: { tickets: number[] } }>(
      `/api/admin/candidates/${keep.candidateId}/merge`,
      { otherId: other.candidateId, reason: '再次合档' },
    );
    expect(again.status, again.text).toBe(200);
    expect(again.body.moved.tickets).toEqual([late.id]);
    expect((await late.reload()).candidateId).toBe(keep.candidateId);
    // Into another record it is refused.
    const third = await insertCandidateWithTicket(server.db, 'merge-third');
    const elsewhere = await province.api.post(`/api/admin/candidates/${third.candidateId}/merge`, {
      otherId: other.candidateId,
      reason: '再次合档',
    });
    expect(elsewhere.body).toMatchObject({
      code: 'MERGE_REFUSED',
      message: '不能合档：另一份档案已合档至其他档案，不能再次合档',
    });
  });

  it('gives the kept record on its initial password the password set on the other', async () => {
    const keep = await insertCandidateWithTicket(server.db, 'merge-pw-keep');
    const other = await insertCandidateWithTicket(server.db, 'merge-pw-other', {
      phone: randomPhone(),
      password: 'Other2027pw',
    });
    const merged = await province.api.post(`/api/admin/candidates/${keep.candidateId}/merge`, {
      otherId: other.candidateId,
      reason: '同一考生',
    });
    expect(merged.status, merged.text).toBe(200);
    const session = await login(new ApiClient(server.baseUrl), keep.ticketNo, 'Other2027pw');
    expect(session.nextStep).toBeNull();
    const initial = await new ApiClient(server.baseUrl).post('/api/accounts/login', {
      account: keep.ticketNo,
      password: keep.idCardNo.slice(-6),
    });
    expect(initial.status).toBe(401);
  });

  it('refuses two bookings in the same period, naming it, and moves nothing', async () => {
    const keep = await insertCandidateWithTicket(server.db, 'merge-clash-keep');
    const other = await insertCandidateWithTicket(server.db, 'merge-clash-other');
    await giveEverything(keep, a);
    await giveEverything(other, a);
    const before = await holdings([other.candidateId]);
    const refused = await province.api.post(`/api/admin/candidates/${keep.candidateId}/merge`, {
      otherId: other.candidateId,
      reason: '同一考生',
    });
    const code = (await server.db.models.ExamPeriod.findByPk(a.periodId))!.code;
    expect(refused.body).toMatchObject({
      code: 'MERGE_REFUSED',
      message: `不能合档：两份档案在同一考次（${code}）都有报考记录，请先取消其中一份的报考后再合档`,
    });
    expect(await holdings([other.candidateId])).toEqual(before);
    expect((await server.db.models.Candidate.findByPk(other.candidateId))!.mergedIntoId).toBeNull();
  });

  it('merges a pair asked both ways at once exactly once: the rows are locked in order, no deadlock', async () => {
    for (let round = 0; round < 5; round++) {
      const x = await insertCandidateWithTicket(server.db, 'merge-race-x');
      const y = await insertCandidateWithTicket(server.db, 'merge-race-y');
      const merge = (keepId: number, otherId: number) =>
        province.api.post(`/api/admin/candidates/${keepId}/merge`, { otherId, reason: '同时合档' });
      const answers = await Promise.all([merge(x.candidateId, y.candidateId), merge(y.candidateId, x.candidateId)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const rows = await server.db.models.Candidate.findAll({ where: { id: [x.candidateId, y.candidateId] } });
      expect(rows.filter((r) => r.mergedIntoId !== null)).toHaveLength(1);
      expect(await server.db.models.Ticket.count({ where: { candidateId: [x.candidateId, y.candidateId] } })).toBe(2);
    }
  });

  it('is the provincial office’s alone', async () => {
    const keep = await insertCandidateWithTicket(server.db, 'merge-scope-keep');
    const other = await insertCandidateWithTicket(server.db, 'merge-scope-other');
    await server.db.models.Candidate.update(
      { countyId: a.countyId },
      { where: { id: [keep.candidateId, other.candidateId] } },
    );
    for (const official of [city, county]) {
      const preview = await official.api.get(
        `/api/admin/candidates/${keep.candidateId}/merge-preview?otherId=${other.candidateId}`,
      );
      expect(preview.status).toBe(403);
      const merge = await official.api.post(`/api/admin/candidates/${keep.candidateId}/merge`, {
        otherId: other.candidateId,
        reason: '越权合档',
      });
      expect(merge.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await server.db.models.Candidate.findByPk(other.candidateId))!.mergedIntoId).toBeNull();
  });
});
