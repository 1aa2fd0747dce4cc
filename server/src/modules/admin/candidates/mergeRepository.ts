import type { MergeMoves } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';

/**
 * Every table with a candidate_id column: what 合档 moves to the kept record (passed_courses follow
 * their tickets). A test compares this list with the schema, so a new table cannot be forgotten.
 */
export const CANDIDATE_TABLES = {
  tickets: 'tickets',
  bookings: 'bookings',
  booking_items: 'bookingItems',
  payment_orders: 'paymentOrders',
  waitlist_entries: 'waitlistEntries',
  seat_assignments: 'seatAssignments',
  scores: 'scores',
  certificates: 'certificates',
  ticket_reissues: 'ticketReissues',
  applications: 'applications',
  candidate_applications: 'candidateApplications',
  outbox_messages: 'notifications',
} as const satisfies Record<string, keyof MergeMoves>;

type Table = keyof typeof CANDIDATE_TABLES;

async function ids(db: Db, sql: string, replacements: unknown[], transaction?: Transaction): Promise<number[]> {
  const rows = await db.sequelize.query<{ id: number }>(sql, { replacements, type: QueryTypes.SELECT, transaction });
  return rows.map((r) => Number(r.id));
}

/** The ids of every record a candidate holds, by kind: what a 合档 would move. */
export async function recordsOf(db: Db, candidateId: number, transaction?: Transaction): Promise<MergeMoves> {
  const moves = {} as MergeMoves;
  for (const [table, key] of Object.entries(CANDIDATE_TABLES) as Array<[Table, keyof MergeMoves]>) {
    moves[key] = await ids(
      db,
      `SELECT id FROM ${table} WHERE candidate_id = ? ORDER BY id`,
      [candidateId],
      transaction,
    );
  }
  moves.passedCourses = await ids(
    db,
    `SELECT pc.id FROM passed_courses pc JOIN tickets t ON t.id = pc.ticket_id WHERE t.candidate_id = ? ORDER BY pc.id`,
    [candidateId],
    transaction,
  );
  return moves;
}

/**
 * Periods in which both candidates have a booking or a waiting-list entry: a candidate has one booking
 * per period (bookings_candidate_period), so such records cannot simply move.
 */
export async function sharedPeriodCodes(
  db: Db,
  keepId: number,
  otherId: number,
  transaction?: Transaction,
): Promise<string[]> {
  const periodsOf = `SELECT period_id FROM bookings WHERE candidate_id = ?
                     UNION SELECT period_id FROM waitlist_entries WHERE candidate_id = ?`;
  const rows = await db.sequelize.query<{ code: string }>(
    `SELECT p.code FROM exam_periods p WHERE p.id IN (${periodsOf}) AND p.id IN (${periodsOf}) ORDER BY p.code`,
    { replacements: [keepId, keepId, otherId, otherId], type: QueryTypes.SELECT, transaction },
  );
  return rows.map((r) => r.code);
}

/** Moves every record of `fromId` to `toId` (see CANDIDATE_TABLES). */
export async function moveRecords(db: Db, fromId: number, toId: number, transaction: Transaction): Promise<void> {
  for (const table of Object.keys(CANDIDATE_TABLES)) {
    await db.sequelize.query(`UPDATE ${table} SET candidate_id = ? WHERE candidate_id = ?`, {
      replacements: [toId, fromId],
      transaction,
    });
  }
}

/** Majors in which both candidates hold an active ticket: after a merge one person holds two. */
export async function sharedActiveMajors(db: Db, keepId: number, otherId: number): Promise<string[]> {
  const rows = await db.sequelize.query<{ name: string }>(
    `SELECT DISTINCT m.name FROM tickets a JOIN tickets b ON b.major_id = a.major_id JOIN majors m ON m.id = a.major_id
      WHERE a.candidate_id = ? AND b.candidate_id = ? AND a.status = 'active' AND b.status = 'active'
      ORDER BY m.name`,
    { replacements: [keepId, otherId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.name);
}
