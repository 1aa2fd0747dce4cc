import type { WaitlistState } from '@kaowei/shared';
import { lockRows, type SqlReader, type SqlTx } from '../../db/sqlTx';

/** A (period, county, unit) seat quota: the line a waitlist entry stands in. */
export interface QuotaKey {
  periodId: number;
  countyId: number;
  unitId: number;
}

/**
 * Holding's condition that nobody waits for the quota's seats (the seat UPDATE's params follow it): a seat
 * freed while the line is non-empty goes to the line, never to whoever holds first.
 */
export const NOBODY_WAITING = ` AND NOT EXISTS (SELECT 1 FROM waitlist_entries w
   WHERE w.period_id = ? AND w.county_id = ? AND w.unit_id = ? AND w.state = 'waiting')`;

export interface FirstInLine {
  id: number;
  candidate_id: number;
  ticket_id: number;
  course_id: number;
  booking_id: number;
  booking_county_id: number | null;
  max_courses: number;
  booking_closes_at: Date | string;
}

/**
 * The first waiting entry of a quota, locked, with the candidate's booking and the period's limits (read, not
 * locked: the period row is the parent every item insert checks).
 */
export async function lockFirstInLine(tx: SqlTx, quota: QuotaKey): Promise<FirstInLine | null> {
  const [entry] = await tx.rows<{ id: number }>(
    `SELECT id FROM waitlist_entries WHERE period_id = ? AND county_id = ? AND unit_id = ? AND state = 'waiting'
      ORDER BY id LIMIT 1${lockRows(tx)}`,
    [quota.periodId, quota.countyId, quota.unitId],
  );
  if (!entry) return null;
  const [row] = await tx.rows<FirstInLine>(
    `SELECT w.id, w.candidate_id, w.ticket_id, w.course_id, b.id AS booking_id, b.county_id AS booking_county_id,
            p.max_courses, p.booking_closes_at
       FROM waitlist_entries w
       JOIN exam_periods p ON p.id = w.period_id
       JOIN bookings b ON b.candidate_id = w.candidate_id AND b.period_id = w.period_id
      WHERE w.id = ?`,
    [entry.id],
  );
  return row ?? null;
}

export interface StandingItem {
  id: number;
  state: string;
  county_id: number;
  unit_id: number;
}

/** The candidate's items occupying a seat in the period, locked (a waitlist offer adds one). */
export function lockStandingItems(tx: SqlTx, candidateId: number, periodId: number): Promise<StandingItem[]> {
  return tx.rows<StandingItem>(
    `SELECT id, state, county_id, unit_id FROM booking_items
      WHERE candidate_id = ? AND period_id = ? AND active = 1${lockRows(tx)}`,
    [candidateId, periodId],
  );
}

export function markOffered(tx: SqlTx, entryId: number, itemId: number, now: Date) {
  return tx.run(
    `UPDATE waitlist_entries SET state = 'offered', active = NULL, offered_item_id = ?, offered_at = ?, updated_at = ?
      WHERE id = ?`,
    [itemId, now, now, entryId],
  );
}

/** A waiting entry ends without a seat (left, closed). False when it no longer waited. */
export async function endWaiting(
  tx: Pick<SqlTx, 'run'>,
  where: { entryId: number; candidateId?: number },
  state: Extract<WaitlistState, 'left' | 'closed'>,
  reason: string,
  now: Date,
): Promise<boolean> {
  const { affectedRows } = await tx.run(
    `UPDATE waitlist_entries SET state = ?, active = NULL, ended_at = ?, end_reason = ?, updated_at = ?
      WHERE id = ? AND state = 'waiting'${where.candidateId ? ' AND candidate_id = ?' : ''}`,
    [state, now, reason, now, where.entryId, ...(where.candidateId ? [where.candidateId] : [])],
  );
  return affectedRows === 1;
}

/** Offers whose held item went back unpaid (released or dropped): the seat went on to the next in line. */
export function expireOffers(tx: SqlTx, itemIds: number[], now: Date) {
  return tx.run(
    `UPDATE waitlist_entries SET state = 'expired', ended_at = ?, end_reason = ?, updated_at = ?
      WHERE offered_item_id IN (?) AND state = 'offered'`,
    [now, '候补考位未在规定时间内缴费', now, itemIds],
  );
}

export interface WaitingEntry {
  id: number;
  county_id: number;
  unit_id: number;
}

/** The candidate's waiting entries in a period (joining counts them against the rules). */
export function waitingEntries(sql: SqlReader, candidateId: number, periodId: number): Promise<WaitingEntry[]> {
  return sql.rows<WaitingEntry>(
    `SELECT id, county_id, unit_id FROM waitlist_entries WHERE candidate_id = ? AND period_id = ? AND state = 'waiting'`,
    [candidateId, periodId],
  );
}

/** The quota's seat row, locked: joining, holding and freeing a seat of it queue here. */
export async function lockQuota(tx: SqlTx, quota: QuotaKey): Promise<{ capacity: number; taken: number } | null> {
  const [row] = await tx.rows<{ capacity: number; taken: number }>(
    `SELECT capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id = ?${lockRows(tx)}`,
    [quota.periodId, quota.countyId, quota.unitId],
  );
  return row ? { capacity: Number(row.capacity), taken: Number(row.taken) } : null;
}

export async function insertEntry(
  tx: SqlTx,
  entry: QuotaKey & { candidateId: number; ticketId: number; courseId: number },
  now: Date,
): Promise<number> {
  const { insertId } = await tx.run(
    `INSERT INTO waitlist_entries (candidate_id, ticket_id, period_id, county_id, unit_id, course_id, state, active,
                                   joined_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'waiting', 1, ?, ?, ?)`,
    [entry.candidateId, entry.ticketId, entry.periodId, entry.countyId, entry.unitId, entry.courseId, now, now, now],
  );
  return insertId;
}

export interface EntryRow {
  id: number;
  period_id: number;
  period_name: string;
  county_name: string;
  code: string;
  course_name: string;
  exam_date: string;
  half_day: string;
  start_time: string;
  end_time: string;
  state: WaitlistState;
  joined_at: Date | string;
  offered_item_id: number | null;
  pay_by: Date | string | null;
  end_reason: string | null;
  /** Waiting entries of the same quota joined before this one. */
  ahead: number | string | null;
}

/** Every waitlist entry of a candidate, newest period first, with how many wait ahead of each. */
export function entriesOf(sql: SqlReader, candidateId: number): Promise<EntryRow[]> {
  return sql.rows<EntryRow>(
    `SELECT w.id, w.period_id, p.name AS period_name, co.name AS county_name, c.code, c.name AS course_name,
            u.exam_date, u.half_day, u.start_time, u.end_time, w.state, w.joined_at, w.offered_item_id,
            i.pay_by, w.end_reason,
            CASE WHEN w.state = 'waiting' THEN
              (SELECT COUNT(*) FROM waitlist_entries a WHERE a.period_id = w.period_id AND a.county_id = w.county_id
                  AND a.unit_id = w.unit_id AND a.state = 'waiting' AND a.id < w.id) END AS ahead
       FROM waitlist_entries w
       JOIN exam_periods p ON p.id = w.period_id
       JOIN counties co ON co.id = w.county_id
       JOIN courses c ON c.id = w.course_id
       JOIN exam_units u ON u.id = w.unit_id
       LEFT JOIN booking_items i ON i.id = w.offered_item_id
      WHERE w.candidate_id = ? ORDER BY w.period_id DESC, w.id DESC`,
    [candidateId],
  );
}

/** Waiting entries per (county, unit) of a period: the admin's line lengths. */
export function lineLengths(
  sql: SqlReader,
  periodId: number,
): Promise<Array<{ county_id: number; unit_id: number; n: number | string }>> {
  return sql.rows(
    `SELECT county_id, unit_id, COUNT(*) AS n FROM waitlist_entries
      WHERE period_id = ? AND state = 'waiting' GROUP BY county_id, unit_id`,
    [periodId],
  );
}
