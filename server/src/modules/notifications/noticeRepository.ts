import type { NoticeDeliveryCounts } from '@kaowei/shared';
import type { SqlReader, SqlTx } from '../../db/sqlTx';
import type { ResolvedAudience } from './noticeAudience';

/** Candidates holding a seat (held, confirmed or paid: `active`) in the period, narrowed by the filters. */
function audienceWhere(a: ResolvedAudience): { sql: string; params: unknown[] } {
  const parts = ['period_id = ?', 'active = 1'];
  const params: unknown[] = [a.periodId];
  if (a.scope) {
    parts.push(a.scope.length > 0 ? `county_id IN (${a.scope.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...a.scope);
  }
  for (const [column, value] of [
    ['county_id', a.countyId],
    ['unit_id', a.unitId],
    ['course_id', a.courseId],
  ] as const) {
    if (value !== null) {
      parts.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql: parts.join(' AND '), params };
}

export async function countRecipients(sql: SqlReader, audience: ResolvedAudience): Promise<number> {
  const where = audienceWhere(audience);
  const [row] = await sql.rows<{ n: number | string }>(
    `SELECT COUNT(DISTINCT candidate_id) AS n FROM booking_items WHERE ${where.sql}`,
    where.params,
  );
  return Number(row?.n ?? 0);
}

export async function recipientIds(tx: SqlTx, audience: ResolvedAudience): Promise<number[]> {
  const where = audienceWhere(audience);
  const rows = await tx.rows<{ candidate_id: number }>(
    `SELECT DISTINCT candidate_id FROM booking_items WHERE ${where.sql} ORDER BY candidate_id`,
    where.params,
  );
  return rows.map((row) => Number(row.candidate_id));
}

export interface NoticeInsert {
  officialId: number;
  officeRole: string;
  officeCityId: number | null;
  officeCountyId: number | null;
  audience: ResolvedAudience;
  title: string;
  body: string;
  reason: string;
  recipients: number;
  sendsUntil: Date;
  now: Date;
}

export async function insertNotice(tx: SqlTx, n: NoticeInsert): Promise<number> {
  const { insertId } = await tx.run(
    `INSERT INTO notices (official_id, office_role, office_city_id, office_county_id, period_id, county_id, unit_id,
       course_id, title, body, reason, recipients, sends_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      n.officialId,
      n.officeRole,
      n.officeCityId,
      n.officeCountyId,
      n.audience.periodId,
      n.audience.countyId,
      n.audience.unitId,
      n.audience.courseId,
      n.title,
      n.body,
      n.reason,
      n.recipients,
      n.sendsUntil,
      n.now,
    ],
  );
  return insertId;
}

/** The outbox dedupe key of a notice's message to one candidate; its prefix finds the notice's messages. */
export const noticeDedupeKey = (noticeId: number, candidateId: number) => `notice:${noticeId}:${candidateId}`;

export interface NoticeRow {
  id: number;
  title: string;
  body: string;
  reason: string;
  period_name: string;
  county_name: string | null;
  unit_code: string | null;
  course_code: string | null;
  official_name: string;
  recipients: number;
  created_at: Date | string;
  sends_until: Date | string;
}

const NOTICE_SELECT = `SELECT n.id, n.title, n.body, n.reason, p.name AS period_name, k.name AS county_name,
    u.code AS unit_code, c.code AS course_code, o.name AS official_name, n.recipients, n.created_at, n.sends_until
  FROM notices n JOIN exam_periods p ON p.id = n.period_id JOIN officials o ON o.id = n.official_id
  LEFT JOIN counties k ON k.id = n.county_id LEFT JOIN exam_units u ON u.id = n.unit_id
  LEFT JOIN courses c ON c.id = n.course_id`;

/** Which notices an office sees: the province all; a city its own and its counties'; a county its own. */
export interface NoticeOffice {
  cityId: number | null;
  countyId: number | null;
}

function officeWhere(office: NoticeOffice | null): { sql: string; params: unknown[] } {
  if (!office) return { sql: '1 = 1', params: [] };
  if (office.countyId !== null) return { sql: 'n.office_county_id = ?', params: [office.countyId] };
  return { sql: 'n.office_city_id = ?', params: [office.cityId ?? -1] };
}

export async function noticesOf(
  sql: SqlReader,
  office: NoticeOffice | null,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: NoticeRow[] }> {
  const where = officeWhere(office);
  const [count] = await sql.rows<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM notices n WHERE ${where.sql}`,
    where.params,
  );
  const rows = await sql.rows<NoticeRow>(
    `${NOTICE_SELECT} WHERE ${where.sql} ORDER BY n.id DESC LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
    where.params,
  );
  return { total: Number(count?.n ?? 0), rows };
}

export async function noticeById(sql: SqlReader, id: number): Promise<NoticeRow | undefined> {
  const [row] = await sql.rows<NoticeRow>(`${NOTICE_SELECT} WHERE n.id = ?`, [id]);
  return row;
}

/** A notice's messages by state (read by their dedupe keys' prefix: a range of the unique index). */
export async function deliveryCounts(sql: SqlReader, noticeId: number): Promise<NoticeDeliveryCounts> {
  const rows = await sql.rows<{ state: string; n: number | string }>(
    `SELECT state, COUNT(*) AS n FROM outbox_messages WHERE dedupe_key LIKE ? GROUP BY state`,
    [`notice:${noticeId}:%`],
  );
  const counts: NoticeDeliveryCounts = { sent: 0, failed: 0, pending: 0, skipped: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.state === 'sent' || row.state === 'failed' || row.state === 'skipped') counts[row.state] += n;
    else counts.pending += n;
  }
  return counts;
}
