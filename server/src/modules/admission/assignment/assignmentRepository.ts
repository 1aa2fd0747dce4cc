import type { SqlTx } from '../../../db/sqlTx';

/** One county × unit of a period: what a run assigns in one transaction. */
export interface AssignmentGroup {
  periodId: number;
  countyId: number;
  unitId: number;
}

export interface RoomRow {
  id: number;
  venue_id: number;
  seats: number;
}
export interface ItemRow {
  id: number;
  candidate_id: number;
  course_id: number;
}
export interface NewAssignment {
  itemId: number;
  candidateId: number;
  courseId: number;
  venueId: number;
  roomId: number;
  seatNo: number;
}

const GROUP = 'period_id = ? AND county_id = ? AND unit_id = ?';
const groupParams = (g: AssignmentGroup) => [g.periodId, g.countyId, g.unitId];
/** A locking read that lets other readers through: a refund waits until the seats are written, then frees its seat. */
const shareLock = (tx: SqlTx) => (tx.dialect === 'mysql' ? ' LOCK IN SHARE MODE' : '');

/** The county's rooms open for the unit, in seating order: venue, then room number. */
export function openRooms(tx: SqlTx, g: AssignmentGroup): Promise<RoomRow[]> {
  return tx.rows<RoomRow>(
    `SELECT r.id, r.venue_id, r.seats FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id
      WHERE v.county_id = ? AND NOT EXISTS (SELECT 1 FROM venue_closures c WHERE c.venue_id = v.id AND c.unit_id = ?)
      ORDER BY v.id, r.room_no`,
    [g.countyId, g.unitId],
  );
}

/** Seats held by assignments of paid items (an assignment of an item no longer paid is stale). */
export function occupiedSeats(tx: SqlTx, g: AssignmentGroup): Promise<Array<{ room_id: number; seat_no: number }>> {
  return tx.rows(
    `SELECT sa.room_id, sa.seat_no FROM seat_assignments sa
       JOIN booking_items bi ON bi.id = sa.booking_item_id AND bi.state = 'paid'
      WHERE sa.period_id = ? AND sa.county_id = ? AND sa.unit_id = ?`,
    groupParams(g),
  );
}

/**
 * Paid items to place, course by course (course code), each course by ticket number. STRAIGHT_JOIN: read
 * from the group's items (composite index of 0007); left to itself MariaDB may start from the courses and
 * walk every item of each course.
 */
export function itemsToPlace(tx: SqlTx, g: AssignmentGroup, all: boolean): Promise<ItemRow[]> {
  return tx.rows<ItemRow>(
    `SELECT ${tx.dialect === 'mysql' ? 'STRAIGHT_JOIN ' : ''}bi.id, bi.candidate_id, bi.course_id FROM booking_items bi
       JOIN tickets t ON t.id = bi.ticket_id JOIN courses c ON c.id = bi.course_id
      WHERE bi.period_id = ? AND bi.county_id = ? AND bi.unit_id = ? AND bi.state = 'paid'
        ${all ? '' : 'AND NOT EXISTS (SELECT 1 FROM seat_assignments sa WHERE sa.booking_item_id = bi.id)'}
      ORDER BY c.code, t.ticket_no${shareLock(tx)}`,
    groupParams(g),
  );
}

/** The venue each candidate of the county sits in for another unit of the period (the earliest unit first). */
export async function venuesInOtherUnits(tx: SqlTx, g: AssignmentGroup): Promise<Map<number, number>> {
  const rows = await tx.rows<{ candidate_id: number; venue_id: number }>(
    `SELECT candidate_id, venue_id FROM seat_assignments WHERE period_id = ? AND county_id = ? AND unit_id <> ?
      ORDER BY unit_id DESC`,
    groupParams(g),
  );
  return new Map(rows.map((r) => [r.candidate_id, r.venue_id]));
}

export function deleteGroupAssignments(tx: SqlTx, g: AssignmentGroup, onlyStale: boolean) {
  return tx.run(
    `DELETE FROM seat_assignments WHERE ${GROUP}${
      onlyStale
        ? ` AND NOT EXISTS (SELECT 1 FROM booking_items bi WHERE bi.id = seat_assignments.booking_item_id AND bi.state = 'paid')`
        : ''
    }`,
    groupParams(g),
  );
}

const CHUNK = 1000;

export async function insertAssignments(tx: SqlTx, g: AssignmentGroup, rows: NewAssignment[], now: Date) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await tx.run(
      `INSERT INTO seat_assignments (booking_item_id, period_id, county_id, unit_id, candidate_id, course_id, venue_id,
         room_id, seat_no, created_at, updated_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      chunk.flatMap((a) => [
        a.itemId,
        g.periodId,
        g.countyId,
        g.unitId,
        a.candidateId,
        a.courseId,
        a.venueId,
        a.roomId,
        a.seatNo,
        now,
        now,
      ]),
    );
  }
}

/** Refunds free the seat: the item's assignment goes with it (called in the refund's transaction). */
export async function deleteItemAssignments(tx: SqlTx, itemIds: number[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx.run('DELETE FROM seat_assignments WHERE booking_item_id IN (?)', [itemIds]);
}
