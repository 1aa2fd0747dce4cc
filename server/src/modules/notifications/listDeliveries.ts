import {
  NOTIFICATION_EVENT_NAMES,
  maskPhone,
  type DeliveryState,
  type DeliveryView,
  type NotificationEvent,
  type Paged,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { scopedCountyIds } from '../../kernel/scope';
import { Conditions, count, limitOffset, paged, select, toIso } from '../../kernel/sqlParts';
import type { Official } from '../accounts/models';

interface DeliveryRow {
  id: number;
  name: string;
  phone: string | null;
  county_name: string | null;
  event: NotificationEvent;
  channel: 'wechat' | 'sms' | null;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
}

const FROM = `FROM outbox_messages m JOIN candidates c ON c.id = m.candidate_id LEFT JOIN counties k ON k.id = c.county_id`;

/** 消息发送记录: messages to candidates of the official's districts (by the candidate's county), newest first. */
export async function listDeliveries(
  db: Db,
  official: Official,
  query: { state?: DeliveryState; event?: NotificationEvent; page: number; pageSize: number },
): Promise<Paged<DeliveryView>> {
  const where = new Conditions().counties('c.county_id', await scopedCountyIds(db, official));
  if (query.state) where.add('m.state = ?', query.state);
  if (query.event) where.add('m.event = ?', query.event);
  const [total, rows] = await Promise.all([
    count(db, `SELECT COUNT(*) AS n ${FROM} WHERE ${where.sql}`, where.replacements),
    select<DeliveryRow>(
      db,
      `SELECT m.id, c.name, c.phone, k.name AS county_name, m.event, m.channel, m.state, m.attempts, m.last_error,
              m.created_at, m.sent_at ${FROM} WHERE ${where.sql} ORDER BY m.id DESC LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(query)],
    ),
  ]);
  return paged(
    rows.map((row) => ({
      id: Number(row.id),
      candidateName: row.name,
      phoneMasked: row.phone ? maskPhone(row.phone) : null,
      countyName: row.county_name,
      event: row.event,
      eventName: NOTIFICATION_EVENT_NAMES[row.event] ?? row.event,
      channel: row.channel,
      state: row.state,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: toIso(row.created_at)!,
      sentAt: toIso(row.sent_at),
    })),
    total,
    query,
  );
}
