import type { HalfDay } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';

/** One paid course of a candidate in a period, with its seat when the assignment has placed it. */
export interface PaidExamRow {
  booking_item_id: number;
  period_id: number;
  county_id: number;
  ticket_no: string;
  unit_id: number;
  exam_date: string;
  half_day: HalfDay;
  start_time: string;
  end_time: string;
  course_code: string;
  course_name: string;
  venue_name: string | null;
  venue_address: string | null;
  room_no: number | null;
  seat_no: number | null;
}

/**
 * Every PAID item of the candidate (refunded and released ones are gone), each with the seat currently
 * assigned to that booking item: a moved seat is the row's new venue, room and number.
 */
export async function paidExams(db: Db, candidateId: number, periodIds: number[]): Promise<PaidExamRow[]> {
  if (periodIds.length === 0) return [];
  return db.sequelize.query<PaidExamRow>(
    `SELECT i.id AS booking_item_id, i.period_id, i.county_id, t.ticket_no, u.id AS unit_id,
            u.exam_date, u.half_day, u.start_time, u.end_time,
            c.code AS course_code, c.name AS course_name,
            v.name AS venue_name, v.address AS venue_address, r.room_no, s.seat_no
       FROM booking_items i
       JOIN tickets t ON t.id = i.ticket_id
       JOIN exam_units u ON u.id = i.unit_id
       JOIN courses c ON c.id = i.course_id
       LEFT JOIN seat_assignments s ON s.booking_item_id = i.id
       LEFT JOIN exam_venues v ON v.id = s.venue_id
       LEFT JOIN exam_rooms r ON r.id = s.room_id
      WHERE i.candidate_id = ? AND i.period_id IN (?) AND i.state = 'paid'
      ORDER BY i.period_id DESC, u.exam_date, u.start_time, c.code`,
    { replacements: [candidateId, periodIds], type: QueryTypes.SELECT },
  );
}

/** The periods a candidate has booked in, and those whose print window is still ahead or open. */
export async function ticketPeriodIds(db: Db, candidateId: number, now: Date): Promise<number[]> {
  const rows = await db.sequelize.query<{ id: number }>(
    `SELECT p.id FROM exam_periods p
      WHERE p.id IN (SELECT period_id FROM booking_items WHERE candidate_id = ?)
         OR (p.print_closes_at IS NOT NULL AND p.print_closes_at > ?)
      ORDER BY p.id DESC`,
    { replacements: [candidateId, now], type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.id);
}

/** A candidate's latest 补发 of a period's ticket; absent when it was never reissued (version 0). */
export interface TicketReissue {
  period_id: number;
  version: number;
  reissued_at: Date;
}

export async function ticketReissues(
  db: Db,
  candidateId: number,
  periodIds: number[],
  transaction?: Transaction,
): Promise<TicketReissue[]> {
  if (periodIds.length === 0) return [];
  return db.sequelize.query<TicketReissue>(
    `SELECT period_id, version, reissued_at FROM ticket_reissues WHERE candidate_id = ? AND period_id IN (?)`,
    { replacements: [candidateId, periodIds], type: QueryTypes.SELECT, transaction },
  );
}

/** The version a ticket is printed with now: 0 until its first reissue. */
export async function ticketVersion(db: Db, candidateId: number, periodId: number): Promise<number> {
  const [row] = await ticketReissues(db, candidateId, [periodId]);
  return row?.version ?? 0;
}

/** Records one more reissue: the version goes up by one, so every earlier QR token is superseded. */
export async function recordReissue(
  db: Db,
  input: { candidateId: number; periodId: number; reason: string; officialId: number },
  now: Date,
  transaction: Transaction,
): Promise<void> {
  const bumpExisting =
    db.sequelize.getDialect() === 'sqlite'
      ? `ON CONFLICT (candidate_id, period_id) DO UPDATE SET version = version + 1, reason = excluded.reason,
           official_id = excluded.official_id, reissued_at = excluded.reissued_at`
      : `ON DUPLICATE KEY UPDATE version = version + 1, reason = VALUES(reason),
           official_id = VALUES(official_id), reissued_at = VALUES(reissued_at)`;
  await db.sequelize.query(
    `INSERT INTO ticket_reissues (candidate_id, period_id, version, reason, official_id, reissued_at)
     VALUES (?, ?, 1, ?, ?, ?) ${bumpExisting}`,
    { replacements: [input.candidateId, input.periodId, input.reason, input.officialId, now], transaction },
  );
}
