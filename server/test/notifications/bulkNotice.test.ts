import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingInstant } from '../../src/lib/beijingTime';
import { deliverDue } from '../../src/modules/notifications/deliveryWorker';
import { noticeSendTimes } from '../../src/modules/notifications/noticeSchedule';
import { sendNotice } from '../../src/modules/notifications/sendNotice';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { holdCourses } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

let server: TestServer;
let catalog: BookingCatalog;
/** Candidates holding seats: three in the first county (a1 in both units, a2 and a3 in the first), two in the second. */
const held: Record<'a1' | 'a2' | 'a3' | 'b1' | 'b2', number> = { a1: 0, a2: 0, a3: 0, b1: 0, b2: 0 };
let firstCounty: OfficialClient;
let secondCounty: OfficialClient;
let city: OfficialClient;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
  catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, coursesPerUnit: 2 });
  const plan = [
    ['a1', 2, 0],
    ['a2', 1, 0],
    ['a3', 1, 0],
    ['b1', 2, 1],
    ['b2', 1, 1],
  ] as const;
  for (const [name, courses, county] of plan) {
    held[name] = (await holdCourses(server, catalog, courses, county)).candidate.candidateId;
  }
  firstCounty = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
  secondCounty = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
  city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
});
afterAll(() => server.close());

const text = { title: '考点变更', body: '因场地维修，第一考点改至市第二中学，请按新考点参加考试。' };

async function noticeMessages(noticeId: number) {
  return server.db.sequelize.query<{ candidate_id: number; event: string; state: string; next_attempt_at: Date }>(
    `SELECT candidate_id, event, state, next_attempt_at FROM outbox_messages WHERE dedupe_key LIKE ? ORDER BY candidate_id`,
    { replacements: [`notice:${noticeId}:%`], type: QueryTypes.SELECT },
  );
}

async function countOf(sql: string): Promise<number> {
  const [row] = await server.db.sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row!.n);
}

describe('bulk notices: who they reach', () => {
  it('counts the candidates with seats in the office’s districts, narrowed by county, unit and course', async () => {
    const preview = (who: OfficialClient, filters: Record<string, unknown>) =>
      who.api.post<{ recipients: number; wechat: { title: string; body: string }; sms: string[] }>(
        '/api/admin/notices/preview',
        { periodId: catalog.periodId, ...text, ...filters },
      );
    const own = await preview(firstCounty, {});
    expect(own.status, own.text).toBe(200);
    expect(own.body.recipients).toBe(3);
    expect(own.body.wechat).toEqual({ title: '考点变更', body: '因场地维修，第一考点改至市第二中学，请…' });
    expect((await preview(secondCounty, {})).body.recipients).toBe(2);
    expect((await preview(city, {})).body.recipients).toBe(5);
    expect((await preview(city, { countyId: catalog.counties[1]!.countyId })).body.recipients).toBe(2);
    expect((await preview(firstCounty, { unitId: catalog.units[1]!.unitId })).body.recipients).toBe(1);
    expect((await preview(city, { courseCode: catalog.units[0]!.codes[0] })).body.recipients).toBe(5);
    expect((await preview(city, { courseCode: catalog.units[1]!.codes[0] })).body.recipients).toBe(2);

    const refused = await preview(firstCounty, { countyId: catalog.counties[1]!.countyId });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    const unknownCourse = await preview(city, { courseCode: '99999' });
    expect(unknownCourse.body).toMatchObject({ code: 'COURSE_NOT_FOUND' });
  });

  it('a county office sends to its own candidates only: one message each, audited, listed for that office alone', async () => {
    const sent = await firstCounty.api.post<{ id: number; recipients: number; deliveries: Record<string, number> }>(
      '/api/admin/notices',
      { periodId: catalog.periodId, ...text, reason: '第一考点教学楼维修' },
    );
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ recipients: 3, deliveries: { pending: 3, sent: 0, failed: 0 } });
    const messages = await noticeMessages(sent.body.id);
    expect(messages.map((m) => m.candidate_id)).toEqual([held.a1, held.a2, held.a3].sort((x, y) => x - y));
    expect(new Set(messages.map((m) => m.event))).toEqual(new Set(['notice']));

    const [audit] = await server.db.sequelize.query<{ reason: string; actor_id: number }>(
      `SELECT reason, actor_id FROM audit_logs WHERE action = 'notice.sent' AND entity_id = ?`,
      { replacements: [String(sent.body.id)], type: QueryTypes.SELECT },
    );
    expect(audit).toEqual({ reason: '第一考点教学楼维修', actor_id: firstCounty.id });

    const ids = async (who: OfficialClient) =>
      (await who.api.get<{ items: Array<{ id: number }> }>('/api/admin/notices')).body.items.map((n) => n.id);
    expect(await ids(firstCounty)).toContain(sent.body.id);
    expect(await ids(city)).toContain(sent.body.id);
    expect(await ids(secondCounty)).not.toContain(sent.body.id);
  });

  it('refuses a notice without a reason, and writes nothing', async () => {
    const before = await countOf('SELECT COUNT(*) AS n FROM notices');
    for (const reason of [undefined, ' ']) {
      const answer = await city.api.post('/api/admin/notices', { periodId: catalog.periodId, ...text, reason });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('请填写原因');
    }
    expect(await countOf('SELECT COUNT(*) AS n FROM notices')).toBe(before);
  });

  it('writes the notice, its messages and its audit entry together: a failing insert leaves nothing', async () => {
    const notices = await countOf('SELECT COUNT(*) AS n FROM notices');
    const messages = await countOf("SELECT COUNT(*) AS n FROM outbox_messages WHERE event = 'notice'");
    // The audit entry is written last: when it fails, the notice and its five messages must be gone too.
    await server.db.sequelize.query(`CREATE TRIGGER refuse_notice_audit BEFORE INSERT ON audit_logs FOR EACH ROW
      BEGIN IF NEW.action = 'notice.sent' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit refused'; END IF; END`);
    try {
      const answer = await city.api.post('/api/admin/notices', {
        periodId: catalog.periodId,
        ...text,
        reason: '测试回滚',
      });
      expect(answer.status).toBe(500);
    } finally {
      await server.db.sequelize.query('DROP TRIGGER refuse_notice_audit');
    }
    expect(await countOf('SELECT COUNT(*) AS n FROM notices')).toBe(notices);
    expect(await countOf("SELECT COUNT(*) AS n FROM outbox_messages WHERE event = 'notice'")).toBe(messages);
  });
});

describe('bulk notices: a bounded rate', () => {
  it('with the clock injected, the worker delivers no more than the configured rate a minute', async () => {
    const official = await server.db.models.Official.findByPk(city.id, { rejectOnEmpty: true });
    // A Beijing morning long ago: only this notice's messages fall due at these clocks.
    const start = beijingInstant('2019-03-05', '10:00');
    const notice = await sendNotice(
      { db: server.db, notifications: { noticePerMinute: 2 } },
      official,
      { periodId: catalog.periodId, countyId: null, unitId: null, courseCode: null, ...text, reason: '考试延期' },
      { ip: '127.0.0.1', requestId: 'test' },
      start,
    );
    expect(notice.recipients).toBe(5);
    expect(notice.sendsUntil).toBe(new Date(start.getTime() + 2 * 60_000).toISOString());

    const sentPerMinute: number[] = [];
    for (let minute = 0; minute < 4; minute++) {
      const now = new Date(start.getTime() + minute * 60_000 + 59_999);
      const round = await deliverDue(server.services, { now, limit: 50 });
      sentPerMinute.push(round.sent);
      expect(round.claimed).toBeLessThanOrEqual(2);
    }
    expect(sentPerMinute).toEqual([2, 2, 1, 0]);
    const states = (await noticeMessages(notice.id)).map((m) => m.state);
    expect(states).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const list = await city.api.get<{ items: Array<{ id: number; deliveries: Record<string, number> }> }>(
      '/api/admin/notices',
    );
    expect(list.body.items.find((n) => n.id === notice.id)?.deliveries).toEqual({
      sent: 5,
      failed: 0,
      pending: 0,
      skipped: 0,
    });
  });

  it('does not let a spread run into the night: what is left goes on at 08:00 at the same rate', () => {
    const late = beijingInstant('2019-03-05', '22:29');
    const times = noticeSendTimes(late, 1, 3).map((t) => t.toISOString());
    expect(times).toEqual([
      late.toISOString(),
      beijingInstant('2019-03-06', '08:00').toISOString(),
      beijingInstant('2019-03-06', '08:01').toISOString(),
    ]);
  });
});
