import type mysql from 'mysql2/promise';

interface ItemRow {
  id: number;
  candidate_id: number;
  course_id: number;
}
interface RoomRow {
  id: number;
  venue_id: number;
  seats: number;
}

/**
 * The fair comparator of bench:assign: the same seats written the fastest plain way through one mysql2
 * connection — per county × unit, one transaction: the group's paid items in course and ticket order (share-locked
 * against a refund, as the job does), its open
 * rooms in venue and room order, seats given in that order in Node, one multi-row INSERT. No lease, progress,
 * shortage report or same-venue preference. Returns the rows written.
 */
export async function rawAssign(connection: mysql.Connection, periodId: number, table: string): Promise<number> {
  const [groups] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT DISTINCT county_id, unit_id FROM booking_items WHERE period_id = ? AND state = 'paid'`,
    [periodId],
  );
  let written = 0;
  for (const { county_id: countyId, unit_id: unitId } of groups) {
    await connection.query('START TRANSACTION');
    const [items] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT STRAIGHT_JOIN i.id, i.candidate_id, i.course_id FROM booking_items i
         JOIN tickets t ON t.id = i.ticket_id JOIN courses c ON c.id = i.course_id
        WHERE i.period_id = ? AND i.county_id = ? AND i.unit_id = ? AND i.state = 'paid'
        ORDER BY c.code, t.ticket_no LOCK IN SHARE MODE`,
      [periodId, countyId, unitId],
    );
    const [rooms] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT r.id, r.venue_id, r.seats FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id
        WHERE v.county_id = ? AND NOT EXISTS
              (SELECT 1 FROM venue_closures x WHERE x.venue_id = v.id AND x.unit_id = ?)
        ORDER BY v.id, r.room_no`,
      [countyId, unitId],
    );
    const now = new Date();
    const values: unknown[][] = [];
    let room = 0;
    let seat = 0;
    for (const item of items as ItemRow[]) {
      const rows = rooms as RoomRow[];
      if (seat === rows[room]!.seats) {
        room += 1;
        seat = 0;
      }
      seat += 1;
      const { id: roomId, venue_id: venueId } = rows[room]!;
      values.push([
        item.id,
        periodId,
        countyId,
        unitId,
        item.candidate_id,
        item.course_id,
        venueId,
        roomId,
        seat,
        now,
        now,
      ]);
    }
    if (values.length > 0) {
      await connection.query(
        `INSERT INTO ${table} (booking_item_id, period_id, county_id, unit_id, candidate_id, course_id, venue_id,
           room_id, seat_no, created_at, updated_at) VALUES ?`,
        [values],
      );
    }
    await connection.query('COMMIT');
    written += values.length;
  }
  return written;
}
