import type { WaitlistState } from '@kaowei/shared';
import { lockRows, type SqlTx } from '../../db/sqlTx';

/*
 * 候补, the part that lives inside the seat transactions: when the ledger gives a seat back (or an official
 * raises a capacity) the quota's first waiting entry is offered it there and then. The waitlist module owns
 * joining, leaving and listing; this file owns the line's rows as the ledger moves them.
 */

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
  /** Null only for rows older than 0014. */
  ticket_id: number | null;
  course_id: number;
  /** Null only if the booking row went (e.g. a 合档): the entry is then closed. */
  booking_id: number | null;
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
       LEFT JOIN bookings b ON b.candidate_id = w.candidate_id AND b.period_id = w.period_id
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
export function expireOffers(tx: SqlTx, itemIds: number[], reason: string, now: Date) {
  return tx.run(
    `UPDATE waitlist_entries SET state = 'expired', ended_at = ?, end_reason = ?, updated_at = ?
      WHERE offered_item_id IN (?) AND state = 'offered'`,
    [now, reason, now, itemIds],
  );
}

/** Minutes a seat given from the waitlist stays held for the candidate to confirm and pay. */
export const OFFER_PAY_MINUTES = 120;

/**
 * Why the first in line can no longer take the seat (booking rules 3, 4, 9, 11 as holding checks them), or
 * null. Such an entry is closed and the seat goes on to the next.
 */
export function offerRefusal(entry: FirstInLine, countyId: number, unitId: number, items: StandingItem[]) {
  if (items.some((i) => i.county_id !== countyId)) return '已在其他县（市、区）保存考位';
  // Confirmed (awaiting payment, rule 9) or paid (rule 11): the booking takes no added course.
  if (items.some((i) => i.state !== 'held')) return '报考已确认或已缴费，不能再增加课程';
  if (items.some((i) => i.unit_id === unitId)) return '已在该考试单元保存考位';
  if (items.length >= entry.max_courses) return '已达到本次考试报考门数上限';
  return null;
}
