import { maskPhone, type RecentPhoneBinding, type RecentPhoneBindings } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, limitOffset, select, toIso } from '../../../kernel/sqlParts';
import { candidateInCounties } from './candidateScope';

const DAY_MS = 86_400_000;

/** The earliest binding time still in the review window. */
export function reviewWindowStart(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Phones bound since `since`, by candidates the official may see. A registration's own phone (verified by
 * SMS and reviewed when the application was approved) is not a first-login binding and is left out.
 */
export function recentBindingConditions(alias: string, since: Date, counties: number[] | null): Conditions {
  return new Conditions()
    .add(`${alias}.phone IS NOT NULL AND ${alias}.phone_bound_at >= ?`, since)
    .add(
      `NOT EXISTS (SELECT 1 FROM applications ra WHERE ra.candidate_id = ${alias}.id AND ra.type = 'registration'
                     AND ra.state = 'approved' AND ra.phone = ${alias}.phone)`,
    )
    .and(candidateInCounties(alias, counties));
}

interface BindingRow {
  id: number;
  name: string;
  id_card_masked: string;
  phone: string;
  phone_on_file: string | null;
  phone_bound_at: Date | string;
}

/**
 * 近期绑定手机: phones bound in the last `days` days (newest first), in the official's districts, masked.
 * A binding by someone who knew the ID number and the initial password shows up here for the county to undo.
 */
export async function recentPhoneBindings(
  db: Db,
  official: Official,
  query: { page: number; pageSize: number },
  days: number,
  now = new Date(),
): Promise<RecentPhoneBindings> {
  const where = recentBindingConditions('c', reviewWindowStart(now, days), await scopedCountyIds(db, official));
  const [total, rows] = await Promise.all([
    count(db, `SELECT COUNT(*) AS n FROM candidates c WHERE ${where.sql}`, where.replacements),
    select<BindingRow>(
      db,
      `SELECT c.id, c.name, c.id_card_masked, c.phone, c.phone_on_file, c.phone_bound_at FROM candidates c
        WHERE ${where.sql} ORDER BY c.phone_bound_at DESC, c.id DESC LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(query)],
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const tickets =
    ids.length === 0
      ? []
      : await select<{ candidate_id: number; ticket_no: string }>(
          db,
          'SELECT candidate_id, ticket_no FROM tickets WHERE candidate_id IN (?) ORDER BY ticket_no',
          [ids],
        );
  const items = rows.map((r): RecentPhoneBinding => ({
    candidateId: r.id,
    name: r.name,
    idCardMasked: r.id_card_masked,
    phoneMasked: maskPhone(r.phone),
    boundAt: toIso(r.phone_bound_at)!,
    ticketNos: tickets.filter((t) => t.candidate_id === r.id).map((t) => t.ticket_no),
    matchesPhoneOnFile: r.phone_on_file === r.phone,
  }));
  return { days, items, total, page: query.page, pageSize: query.pageSize };
}
