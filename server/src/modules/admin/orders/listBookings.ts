import { BOOKING_ITEM_STATE_LABELS, type BookingItemState } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Official } from '../../accounts/models';
import { candidateMatches } from '../candidates/candidateScope';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, limitOffset, paged, select } from '../../../kernel/sqlParts';
import {
  BOOKING_STATE_ORDER,
  bookingMoney,
  PAYMENT_COLUMNS,
  PAYMENT_FROM,
  overallState,
  stateRankSql,
  type PaymentRow,
} from './orderRows';

export interface BookingListQuery {
  periodId?: number;
  countyId?: number;
  state?: BookingItemState;
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * 报考记录: bookings with at least one item (a booking row without items only records the notice
 * being read), in the official's districts by the booking's county, newest first. `state` filters on
 * the booking's overall state (see overallState).
 */
export async function listBookings(deps: { db: Db; vault: IdCardVault }, official: Official, query: BookingListQuery) {
  const { db } = deps;
  if (query.countyId) await assertCountyInScope(db, official, query.countyId);
  const where = new Conditions().counties('b.county_id', await scopedCountyIds(db, official));
  if (query.periodId) where.add('b.period_id = ?', query.periodId);
  if (query.countyId) where.add('b.county_id = ?', query.countyId);
  where.and(candidateMatches('c', query.q, deps.vault));
  const having = query.state
    ? { sql: `HAVING MAX(${stateRankSql('i.state')}) = ?`, values: [BOOKING_STATE_ORDER.indexOf(query.state) + 1] }
    : { sql: '', values: [] };
  const grouped = `FROM bookings b
      JOIN candidates c ON c.id = b.candidate_id
      JOIN booking_items i ON i.booking_id = b.id
      LEFT JOIN counties co ON co.id = b.county_id
     WHERE ${where.sql}
     GROUP BY b.id, b.candidate_id, b.period_id, b.county_id, c.name, c.id_card_masked, co.name
     ${having.sql}`;
  const replacements = [...where.replacements, ...having.values];
  const [total, rows] = await Promise.all([
    count(db, `SELECT COUNT(*) AS n FROM (SELECT b.id ${grouped}) t`, replacements),
    select<{
      id: number;
      candidate_id: number;
      period_id: number;
      county_id: number | null;
      candidate_name: string;
      id_card_masked: string;
      county_name: string | null;
    }>(
      db,
      `SELECT b.id, b.candidate_id, b.period_id, b.county_id, c.name AS candidate_name, c.id_card_masked,
              co.name AS county_name
         ${grouped}
        ORDER BY b.id DESC LIMIT ? OFFSET ?`,
      [...replacements, ...limitOffset(query)],
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const [items, orders] = ids.length
    ? await Promise.all([
        select<{
          id: number;
          booking_id: number;
          course_code: string;
          course_name: string;
          unit_code: string;
          state: BookingItemState;
          ticket_no: string;
        }>(
          db,
          `SELECT i.id, i.booking_id, cs.code AS course_code, cs.name AS course_name, u.code AS unit_code, i.state,
                  t.ticket_no
             FROM booking_items i
             JOIN courses cs ON cs.id = i.course_id
             JOIN exam_units u ON u.id = i.unit_id
             JOIN tickets t ON t.id = i.ticket_id
            WHERE i.booking_id IN (?) ORDER BY u.exam_date, u.start_time, i.id`,
          [ids],
        ),
        select<PaymentRow>(db, `SELECT ${PAYMENT_COLUMNS} ${PAYMENT_FROM} WHERE o.booking_id IN (?)`, [ids]),
      ])
    : [[], []];
  return paged(
    rows.map((r) => {
      const own = items.filter((i) => i.booking_id === r.id);
      // Every listed booking has items (the JOIN above).
      const state = overallState(own.map((i) => i.state)) ?? 'released';
      return {
        id: r.id,
        periodId: r.period_id,
        candidateId: r.candidate_id,
        candidateName: r.candidate_name,
        ticketNo: own[0]?.ticket_no ?? null,
        idCardMasked: r.id_card_masked,
        countyId: r.county_id,
        countyName: r.county_name,
        state,
        stateLabel: BOOKING_ITEM_STATE_LABELS[state],
        items: own.map((i) => ({
          id: i.id,
          courseCode: i.course_code,
          courseName: i.course_name,
          unitCode: i.unit_code,
          state: i.state,
          stateLabel: BOOKING_ITEM_STATE_LABELS[i.state],
        })),
        ...bookingMoney(orders.filter((o) => o.booking_id === r.id)),
      };
    }),
    total,
    query,
  );
}
