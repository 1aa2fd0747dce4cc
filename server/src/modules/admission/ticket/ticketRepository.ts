import type { HalfDay } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
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
