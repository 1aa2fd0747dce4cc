import type { NoticeView, Paged } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf, type SqlReader } from '../../db/sqlTx';
import { limitOffset, paged, toIso } from '../../kernel/sqlParts';
import type { Official } from '../accounts/models';
import { deliveryCounts, noticeById, noticesOf, type NoticeRow } from './noticeRepository';

async function noticeView(sql: SqlReader, row: NoticeRow): Promise<NoticeView> {
  return {
    id: Number(row.id),
    title: row.title,
    body: row.body,
    reason: row.reason,
    periodName: row.period_name,
    countyName: row.county_name,
    unitCode: row.unit_code,
    courseCode: row.course_code,
    officialName: row.official_name,
    recipients: Number(row.recipients),
    deliveries: await deliveryCounts(sql, Number(row.id)),
    createdAt: toIso(row.created_at)!,
    sendsUntil: toIso(row.sends_until)!,
  };
}

export async function noticeForView(db: Db, id: number): Promise<NoticeView> {
  const sql = sqlOf(db.sequelize);
  const row = await noticeById(sql, id);
  if (!row) throw new Error(`notice ${id} vanished`);
  return noticeView(sql, row);
}

/** 群发记录: the office's notices, newest first, each with its messages sent, failed and still pending. */
export async function listNotices(
  db: Db,
  official: Official,
  query: { page: number; pageSize: number },
): Promise<Paged<NoticeView>> {
  const sql = sqlOf(db.sequelize);
  const office =
    official.role === 'province'
      ? null
      : { cityId: official.cityId, countyId: official.role === 'county' ? (official.countyId ?? -1) : null };
  const [limit, offset] = limitOffset(query);
  const { total, rows } = await noticesOf(sql, office, { limit, offset });
  return paged(await Promise.all(rows.map((row) => noticeView(sql, row))), total, query);
}
