import type { Db } from '../../../db/models';
import { sqlOf } from '../../../db/sqlTx';
import type { UnitColumns } from '../unitRow';

export interface RosterRoomRow {
  id: number;
  room_no: number;
  seats: number;
  venue_name: string;
  venue_address: string;
  county_id: number;
  county_name: string;
}

/** A room with its venue and county, or undefined. */
export async function rosterRoom(db: Db, roomId: number): Promise<RosterRoomRow | undefined> {
  const [room] = await sqlOf(db.sequelize).rows<RosterRoomRow>(
    `SELECT r.id, r.room_no, r.seats, v.name AS venue_name, v.address AS venue_address, v.county_id,
            co.name AS county_name
       FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id JOIN counties co ON co.id = v.county_id
      WHERE r.id = ?`,
    [roomId],
  );
  return room;
}

export interface RosterSeatRow {
  seat_no: number;
  name: string;
  id_card_cipher: string;
  photo_path: string | null;
  ticket_no: string;
  course_code: string;
  course_name: string;
}

/** The candidates seated in a room for one unit of a period, by seat number. */
export function rosterSeats(db: Db, roomId: number, periodId: number, unitId: number): Promise<RosterSeatRow[]> {
  return sqlOf(db.sequelize).rows<RosterSeatRow>(
    `SELECT sa.seat_no, ca.name, ca.id_card_cipher, ca.photo_path, t.ticket_no, c.code AS course_code,
            c.name AS course_name
       FROM seat_assignments sa JOIN booking_items bi ON bi.id = sa.booking_item_id
       JOIN candidates ca ON ca.id = sa.candidate_id JOIN tickets t ON t.id = bi.ticket_id
       JOIN courses c ON c.id = sa.course_id
      WHERE sa.room_id = ? AND sa.period_id = ? AND sa.unit_id = ? ORDER BY sa.seat_no`,
    [roomId, periodId, unitId],
  );
}

export interface PaperOrderSqlRow extends UnitColumns {
  county_id: number;
  county_name: string;
  unit_id: number;
  course_code: string;
  course_name: string;
  paid: number;
  assigned: number;
}

/**
 * 试卷订购: paid booking items of a period per county × unit × course, and how many of them have a
 * seat; counties limited to `counties` when given (null: all).
 */
export function paperOrderCounts(db: Db, periodId: number, counties: number[] | null): Promise<PaperOrderSqlRow[]> {
  return sqlOf(db.sequelize).rows<PaperOrderSqlRow>(
    `SELECT bi.county_id, co.name AS county_name, bi.unit_id, u.exam_date, u.half_day, u.start_time, u.end_time,
            c.code AS course_code, c.name AS course_name, COUNT(*) AS paid, COUNT(sa.id) AS assigned
       FROM booking_items bi JOIN counties co ON co.id = bi.county_id JOIN exam_units u ON u.id = bi.unit_id
       JOIN courses c ON c.id = bi.course_id LEFT JOIN seat_assignments sa ON sa.booking_item_id = bi.id
      WHERE bi.period_id = ? AND bi.state = 'paid'${counties ? ' AND bi.county_id IN (?)' : ''}
      GROUP BY bi.county_id, co.code, co.name, bi.unit_id, u.exam_date, u.half_day, u.start_time, u.end_time,
            c.code, c.name
      ORDER BY co.code, u.exam_date, u.start_time, c.code`,
    counties ? [periodId, counties] : [periodId],
  );
}
